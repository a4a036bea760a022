;; A float32 matrix product for the convolution kernels, in place on the tfjs wasm backend's
;; memory (imported, as kernels.wat): C = A·B (+ C, or + a bias row), optionally clamped at 0.
;;
;; Built by `npm run build:wasm-kernels` (scripts/wasm/) in two flavours: with WebAssembly's
;; relaxed SIMD, where every multiply-add below is one fused instruction (x86's FMA: twice the
;; arithmetic per cycle of XNNPACK's wasm kernels, which multiply and add separately), and
;; without it, where each `f32x4.relaxed_madd` is rewritten as a multiply and an add. The line
;; marked MEMORY is rewritten for the shared and the unshared memory, as in kernels.wat.
;;
;; gemm(a, lda, b, ldb, c, ldc, m, n, k, mode, bias, relu): for i < m, j < n
;;   C[i, j] = start + sum over t < k of A[i, t] * B[t, j],
;;   start = 0 (mode 0), C[i, j] (mode 1) or bias[j] (mode 2); then max(C, 0) if relu != 0.
;; Pointers are byte offsets; lda, ldb, ldc are row strides in floats (any values, so A, B and
;; C can be strided views: rows of an image, a filter tap's slice). n must be a multiple of 8.
;; Tiles of 4 rows x 8 columns are kept in eight registers over the whole k loop; a last tile
;; of fewer rows repeats its last row (it computes and stores the same values twice).
(module
  (import "env" "memory" (memory 1 65536 shared)) ;; MEMORY
  (func (export "gemm")
    (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32)
    (param $m i32) (param $n i32) (param $k i32) (param $mode i32) (param $bias i32) (param $relu i32)
    (local $i i32) (local $j i32) (local $t i32) (local $kBytes i32) (local $bp i32) (local $col i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $x00 v128) (local $x01 v128) (local $x10 v128) (local $x11 v128)
    (local $x20 v128) (local $x21 v128) (local $x30 v128) (local $x31 v128)
    (local $b0 v128) (local $b1 v128) (local $s v128)
    (local.set $lda (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $ldb (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $kBytes (i32.shl (local.get $k) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $m)))
        ;; Row pointers of this tile; rows past the end repeat the last one.
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $lda))))
        (local.set $c0 (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))))
        (local.set $a1 (local.get $a0)) (local.set $c1 (local.get $c0))
        (if (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $m))
          (then (local.set $a1 (i32.add (local.get $a0) (local.get $lda)))
                (local.set $c1 (i32.add (local.get $c0) (local.get $ldc)))))
        (local.set $a2 (local.get $a1)) (local.set $c2 (local.get $c1))
        (if (i32.lt_s (i32.add (local.get $i) (i32.const 2)) (local.get $m))
          (then (local.set $a2 (i32.add (local.get $a1) (local.get $lda)))
                (local.set $c2 (i32.add (local.get $c1) (local.get $ldc)))))
        (local.set $a3 (local.get $a2)) (local.set $c3 (local.get $c2))
        (if (i32.lt_s (i32.add (local.get $i) (i32.const 3)) (local.get $m))
          (then (local.set $a3 (i32.add (local.get $a2) (local.get $lda)))
                (local.set $c3 (i32.add (local.get $c2) (local.get $ldc)))))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $j) (local.get $n)))
            (local.set $col (i32.shl (local.get $j) (i32.const 2)))
            (if (i32.eq (local.get $mode) (i32.const 1))
              (then
                (local.set $x00 (v128.load (i32.add (local.get $c0) (local.get $col))))
                (local.set $x01 (v128.load offset=16 (i32.add (local.get $c0) (local.get $col))))
                (local.set $x10 (v128.load (i32.add (local.get $c1) (local.get $col))))
                (local.set $x11 (v128.load offset=16 (i32.add (local.get $c1) (local.get $col))))
                (local.set $x20 (v128.load (i32.add (local.get $c2) (local.get $col))))
                (local.set $x21 (v128.load offset=16 (i32.add (local.get $c2) (local.get $col))))
                (local.set $x30 (v128.load (i32.add (local.get $c3) (local.get $col))))
                (local.set $x31 (v128.load offset=16 (i32.add (local.get $c3) (local.get $col)))))
              (else
                (if (i32.eq (local.get $mode) (i32.const 2))
                  (then
                    (local.set $x00 (v128.load (i32.add (local.get $bias) (local.get $col))))
                    (local.set $x01 (v128.load offset=16 (i32.add (local.get $bias) (local.get $col)))))
                  (else
                    (local.set $x00 (v128.const f32x4 0 0 0 0))
                    (local.set $x01 (v128.const f32x4 0 0 0 0))))
                (local.set $x10 (local.get $x00)) (local.set $x11 (local.get $x01))
                (local.set $x20 (local.get $x00)) (local.set $x21 (local.get $x01))
                (local.set $x30 (local.get $x00)) (local.set $x31 (local.get $x01))))
            ;; The k loop: B's row t (eight columns) against A's four values at column t.
            (local.set $bp (i32.add (local.get $b) (local.get $col)))
            (local.set $t (i32.const 0))
            (block $kDone
              (loop $kLoop
                (br_if $kDone (i32.ge_u (local.get $t) (local.get $kBytes)))
                (local.set $b0 (v128.load (local.get $bp)))
                (local.set $b1 (v128.load offset=16 (local.get $bp)))
                (local.set $s (v128.load32_splat (i32.add (local.get $a0) (local.get $t))))
                (local.set $x00 (f32x4.relaxed_madd (local.get $s) (local.get $b0) (local.get $x00)))
                (local.set $x01 (f32x4.relaxed_madd (local.get $s) (local.get $b1) (local.get $x01)))
                (local.set $s (v128.load32_splat (i32.add (local.get $a1) (local.get $t))))
                (local.set $x10 (f32x4.relaxed_madd (local.get $s) (local.get $b0) (local.get $x10)))
                (local.set $x11 (f32x4.relaxed_madd (local.get $s) (local.get $b1) (local.get $x11)))
                (local.set $s (v128.load32_splat (i32.add (local.get $a2) (local.get $t))))
                (local.set $x20 (f32x4.relaxed_madd (local.get $s) (local.get $b0) (local.get $x20)))
                (local.set $x21 (f32x4.relaxed_madd (local.get $s) (local.get $b1) (local.get $x21)))
                (local.set $s (v128.load32_splat (i32.add (local.get $a3) (local.get $t))))
                (local.set $x30 (f32x4.relaxed_madd (local.get $s) (local.get $b0) (local.get $x30)))
                (local.set $x31 (f32x4.relaxed_madd (local.get $s) (local.get $b1) (local.get $x31)))
                (local.set $bp (i32.add (local.get $bp) (local.get $ldb)))
                (local.set $t (i32.add (local.get $t) (i32.const 4)))
                (br $kLoop)))
            (if (local.get $relu)
              (then
                (local.set $s (v128.const f32x4 0 0 0 0))
                (local.set $x00 (f32x4.max (local.get $x00) (local.get $s)))
                (local.set $x01 (f32x4.max (local.get $x01) (local.get $s)))
                (local.set $x10 (f32x4.max (local.get $x10) (local.get $s)))
                (local.set $x11 (f32x4.max (local.get $x11) (local.get $s)))
                (local.set $x20 (f32x4.max (local.get $x20) (local.get $s)))
                (local.set $x21 (f32x4.max (local.get $x21) (local.get $s)))
                (local.set $x30 (f32x4.max (local.get $x30) (local.get $s)))
                (local.set $x31 (f32x4.max (local.get $x31) (local.get $s)))))
            ;; Last row first: a short tile's repeated rows all end with the right values.
            (v128.store (i32.add (local.get $c3) (local.get $col)) (local.get $x30))
            (v128.store offset=16 (i32.add (local.get $c3) (local.get $col)) (local.get $x31))
            (v128.store (i32.add (local.get $c2) (local.get $col)) (local.get $x20))
            (v128.store offset=16 (i32.add (local.get $c2) (local.get $col)) (local.get $x21))
            (v128.store (i32.add (local.get $c1) (local.get $col)) (local.get $x10))
            (v128.store offset=16 (i32.add (local.get $c1) (local.get $col)) (local.get $x11))
            (v128.store (i32.add (local.get $c0) (local.get $col)) (local.get $x00))
            (v128.store offset=16 (i32.add (local.get $c0) (local.get $col)) (local.get $x01))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows))))
)
