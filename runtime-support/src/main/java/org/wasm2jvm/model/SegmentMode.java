package org.wasm2jvm.model;

public enum SegmentMode { ACTIVE, PASSIVE, DECLARATIVE }
