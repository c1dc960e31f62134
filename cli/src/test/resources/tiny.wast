;; A small script for the CLI tests: 7 commands pass, the one on line 14 fails on purpose.
(module $m
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "trap") unreachable)
  (global (export "g") i32 (i32.const 7)))
(register "m" $m)

(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_trap (invoke "trap") "unreachable")
(assert_return (get "g") (i32.const 7))
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module quote "(func (i32.bogus))") "unknown operator")
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
