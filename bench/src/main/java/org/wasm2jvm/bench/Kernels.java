package org.wasm2jvm.bench;

/**
 * Compute kernels in WAT, each exporting {@code run: (i32) -> i32}, with a Java reference
 * implementation so that every benchmark can check its result once before measuring.
 */
public enum Kernels {
    /** Primes below n, sieve of Eratosthenes over a byte array in linear memory: tight loops, byte loads/stores. */
    SIEVE(1_000_000, "(module (memory 16)\n"
            + "  (func (export \"run\") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $count i32)\n"
            + "    (memory.fill (i32.const 0) (i32.const 0) (local.get $n))\n"
            + "    (local.set $i (i32.const 2))\n"
            + "    (block $done (loop $outer\n"
            + "      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n"
            + "      (if (i32.eqz (i32.load8_u (local.get $i)))\n"
            + "        (then\n"
            + "          (local.set $count (i32.add (local.get $count) (i32.const 1)))\n"
            + "          (local.set $j (i32.add (local.get $i) (local.get $i)))\n"
            + "          (block $d2 (loop $inner\n"
            + "            (br_if $d2 (i32.ge_u (local.get $j) (local.get $n)))\n"
            + "            (i32.store8 (local.get $j) (i32.const 1))\n"
            + "            (local.set $j (i32.add (local.get $j) (local.get $i)))\n"
            + "            (br $inner)))))\n"
            + "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
            + "      (br $outer)))\n"
            + "    local.get $count))") {
        @Override
        int reference(int n) {
            boolean[] composite = new boolean[n];
            int count = 0;
            for (int i = 2; i < n; i++) {
                if (composite[i]) continue;
                count++;
                for (int j = i + i; j < n; j += i) composite[j] = true;
            }
            return count;
        }
    },
    /** n x n i32 matrix multiply, triple nested loop with address arithmetic; returns a hash of C. */
    MATMUL(120, "(module (memory 4)\n"
            + "  (func $at (param $base i32) (param $row i32) (param $col i32) (param $n i32) (result i32)\n"
            + "    (i32.add (local.get $base) (i32.shl (i32.add (i32.mul (local.get $row) (local.get $n)) (local.get $col)) (i32.const 2))))\n"
            + "  (func (export \"run\") (param $n i32) (result i32)\n"
            + "    (local $i i32) (local $j i32) (local $k i32) (local $s i32) (local $b i32) (local $c i32) (local $sum i32)\n"
            + "    (local.set $b (i32.shl (i32.mul (local.get $n) (local.get $n)) (i32.const 2)))\n"
            + "    (local.set $c (i32.shl (local.get $b) (i32.const 1)))\n"
            + "    (loop $ii\n"
            + "      (local.set $j (i32.const 0))\n"
            + "      (loop $jj\n"
            + "        (i32.store (call $at (i32.const 0) (local.get $i) (local.get $j) (local.get $n)) (i32.add (local.get $i) (local.get $j)))\n"
            + "        (i32.store (call $at (local.get $b) (local.get $i) (local.get $j) (local.get $n)) (i32.sub (local.get $i) (local.get $j)))\n"
            + "        (br_if $jj (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))\n"
            + "      (br_if $ii (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))\n"
            + "    (local.set $i (i32.const 0))\n"
            + "    (loop $mi\n"
            + "      (local.set $j (i32.const 0))\n"
            + "      (loop $mj\n"
            + "        (local.set $s (i32.const 0))\n"
            + "        (local.set $k (i32.const 0))\n"
            + "        (loop $mk\n"
            + "          (local.set $s (i32.add (local.get $s) (i32.mul\n"
            + "            (i32.load (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $k)) (i32.const 2)))\n"
            + "            (i32.load (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j)) (i32.const 2)))))))\n"
            + "          (br_if $mk (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))\n"
            + "        (i32.store (call $at (local.get $c) (local.get $i) (local.get $j) (local.get $n)) (local.get $s))\n"
            + "        (local.set $sum (i32.add (i32.mul (local.get $sum) (i32.const 31)) (local.get $s)))\n"
            + "        (br_if $mj (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))\n"
            + "      (br_if $mi (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))\n"
            + "    local.get $sum))") {
        @Override
        int reference(int n) {
            int sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int s = 0;
                    for (int k = 0; k < n; k++) s += (i + k) * (k - j);
                    sum = sum * 31 + s;
                }
            }
            return sum;
        }
    },
    /** Naive recursive Fibonacci: call-dominated (the entry check and call-depth bookkeeping). */
    FIB(27, "(module\n"
            + "  (func $fib (export \"run\") (param $n i32) (result i32)\n"
            + "    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2)) (then (local.get $n))\n"
            + "      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))\n"
            + "                     (call $fib (i32.sub (local.get $n) (i32.const 2))))))))") {
        @Override
        int reference(int n) {
            return n < 2 ? n : reference(n - 1) + reference(n - 2);
        }
    };

    /** The argument the benchmarks pass to {@code run}. */
    final int input;
    final String wat;

    Kernels(int input, String wat) {
        this.input = input;
        this.wat = wat;
    }

    abstract int reference(int n);
}
