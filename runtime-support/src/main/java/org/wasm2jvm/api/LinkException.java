package org.wasm2jvm.api;

/**
 * Instantiation failed before any state was touched: an import is missing or has the wrong kind
 * or type. The message starts with the spec's wording ("unknown import", "incompatible import
 * type") and names the module and field.
 */
public class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
