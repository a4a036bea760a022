;; SIMD kernels that work in place on the tfjs wasm backend's own memory (imported), so they
;; read and write its tensors where they lie: no copies in or out. Every pointer is a byte
;; offset into that memory (a tensor's memoryOffset); every count is in float32 values.
;;
;; Built into simdKernelsBinary.ts by `npm run build:wasm-kernels` (scripts/wasm/), once with
;; a shared memory import (the threaded tfjs build) and once without (the single-threaded one):
;; the line marked MEMORY is rewritten for each.
;;
;; Why here and not in JavaScript: a JS loop over a wasm heap view ran 2-3x slower inside the
;; training process than the same loop in isolation (V8 compiles it differently), and a
;; compare-and-branch on the sign of a value mispredicts half the time. These loops take four
;; floats per instruction and no data-dependent branches.
(module
  (import "env" "memory" (memory 1 65536 shared)) ;; MEMORY

  ;; dx[i] = x[i] > 0 ? dy[i] : 0 for i < count (Relu's gradient; x is Relu's input).
  ;; As a mask: a NaN in x gives 0 (tfjs-core's step(NaN) gives NaN).
  (func (export "reluGrad") (param $dy i32) (param $x i32) (param $dx i32) (param $count i32)
    (local $vecEnd i32) (local $end i32)
    (local.set $end (i32.add (local.get $dx) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $vecEnd (i32.add (local.get $dx) (i32.shl (i32.and (local.get $count) (i32.const -4)) (i32.const 2))))
    (block $vecDone
      (loop $vec
        (br_if $vecDone (i32.ge_u (local.get $dx) (local.get $vecEnd)))
        (v128.store (local.get $dx)
          (v128.and (v128.load (local.get $dy))
                    (f32x4.gt (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (br $vec)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $dx) (local.get $end)))
        (f32.store (local.get $dx)
          (select (f32.load (local.get $dy)) (f32.const 0) (f32.gt (f32.load (local.get $x)) (f32.const 0))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (br $tail))))

  ;; One Adam step for `count` parameters, in float32:
  ;;   m' = m*b1 + g*(1 - b1);  v' = v*b2 + g^2*(1 - b2);
  ;;   w' = w + stepSize*m' / (sqrt v'*rootScale + eps)
  ;; with stepSize = -lr / (1 - b1^t) and rootScale = 1 / sqrt (1 - b2^t) (tfjs-core's bias-corrected
  ;; update, rearranged to one divide and one square root).
  (func (export "adam")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32)
    (param $wOut i32) (param $mOut i32) (param $vOut i32) (param $count i32)
    (param $b1 f32) (param $b2 f32) (param $eps f32) (param $stepSize f32) (param $rootScale f32)
    (local $i i32) (local $vecCount i32) (local $o i32)
    (local $gv v128) (local $m1 v128) (local $v1 v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $vecCount (i32.and (local.get $count) (i32.const -4)))
    (block $vecDone
      (loop $vec
        (br_if $vecDone (i32.ge_u (local.get $i) (local.get $vecCount)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $m1
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $o))) (f32x4.splat (local.get $b1)))
            (f32x4.mul (local.get $gv) (f32x4.splat (f32.sub (f32.const 1) (local.get $b1))))))
        (local.set $v1
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $o))) (f32x4.splat (local.get $b2)))
            (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (f32x4.splat (f32.sub (f32.const 1) (local.get $b2))))))
        (v128.store (i32.add (local.get $mOut) (local.get $o)) (local.get $m1))
        (v128.store (i32.add (local.get $vOut) (local.get $o)) (local.get $v1))
        (v128.store (i32.add (local.get $wOut) (local.get $o))
          (f32x4.add
            (v128.load (i32.add (local.get $w) (local.get $o)))
            (f32x4.div
              (f32x4.mul (f32x4.splat (local.get $stepSize)) (local.get $m1))
              (f32x4.add (f32x4.mul (f32x4.sqrt (local.get $v1)) (f32x4.splat (local.get $rootScale))) (f32x4.splat (local.get $eps))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $o))))
        (local.set $ms
          (f32.add (f32.mul (f32.load (i32.add (local.get $m) (local.get $o))) (local.get $b1))
                   (f32.mul (local.get $gs) (f32.sub (f32.const 1) (local.get $b1)))))
        (local.set $vs
          (f32.add (f32.mul (f32.load (i32.add (local.get $v) (local.get $o))) (local.get $b2))
                   (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (f32.sub (f32.const 1) (local.get $b2)))))
        (f32.store (i32.add (local.get $mOut) (local.get $o)) (local.get $ms))
        (f32.store (i32.add (local.get $vOut) (local.get $o)) (local.get $vs))
        (f32.store (i32.add (local.get $wOut) (local.get $o))
          (f32.add
            (f32.load (i32.add (local.get $w) (local.get $o)))
            (f32.div
              (f32.mul (local.get $stepSize) (local.get $ms))
              (f32.add (f32.mul (f32.sqrt (local.get $vs)) (local.get $rootScale)) (local.get $eps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; MaxPoolGrad for 2x2 windows with stride 2 and no padding, NHWC, channels a multiple of 4:
  ;; dx = 0, then each dy value goes to the first maximum of its window in row-major order
  ;; (strict '>', as tfjs's cpu backend). x, dx: [n, h, w, c]; dy: [n, floor(h/2), floor(w/2), c].
  ;; Returns 1 if some window had a NaN or a row of -Infinity values (where that rule needs the scalar
  ;; scan: the caller redoes the whole tensor in JavaScript), else 0.
  (func (export "maxPoolGrad2x2")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $n i32) (param $h i32) (param $w i32) (param $c i32) (result i32)
    (local $ho i32) (local $wo i32) (local $rowBytes i32) (local $cBytes i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $d i32)
    (local $at i32) (local $xp i32) (local $dxp i32)
    (local $v00 v128) (local $v01 v128) (local $v10 v128) (local $v11 v128)
    (local $right v128) (local $bottomRight v128) (local $lower v128)
    (local $top v128) (local $bottom v128) (local $g v128) (local $bad v128)
    (local.set $ho (i32.shr_u (local.get $h) (i32.const 1)))
    (local.set $wo (i32.shr_u (local.get $w) (i32.const 1)))
    (local.set $cBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $w) (local.get $cBytes)))
    (memory.fill (local.get $dx) (i32.const 0)
      (i32.mul (i32.mul (local.get $n) (local.get $h)) (local.get $rowBytes)))
    (local.set $bad (v128.const i32x4 0 0 0 0))
    (local.set $b (i32.const 0))
    (block $bDone
      (loop $bLoop
        (br_if $bDone (i32.ge_u (local.get $b) (local.get $n)))
        (local.set $oh (i32.const 0))
        (block $ohDone
          (loop $ohLoop
            (br_if $ohDone (i32.ge_u (local.get $oh) (local.get $ho)))
            (local.set $ow (i32.const 0))
            (block $owDone
              (loop $owLoop
                (br_if $owDone (i32.ge_u (local.get $ow) (local.get $wo)))
                ;; Byte offset of the window's top-left value, channel 0.
                (local.set $at
                  (i32.add
                    (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (i32.shl (local.get $oh) (i32.const 1))) (local.get $rowBytes))
                    (i32.mul (i32.shl (local.get $ow) (i32.const 1)) (local.get $cBytes))))
                (local.set $d (i32.const 0))
                (block $dDone
                  (loop $dLoop
                    (br_if $dDone (i32.ge_u (local.get $d) (local.get $cBytes)))
                    (local.set $xp (i32.add (local.get $x) (i32.add (local.get $at) (local.get $d))))
                    (local.set $v00 (v128.load (local.get $xp)))
                    (local.set $v01 (v128.load (i32.add (local.get $xp) (local.get $cBytes))))
                    (local.set $v10 (v128.load (i32.add (local.get $xp) (local.get $rowBytes))))
                    (local.set $v11 (v128.load (i32.add (i32.add (local.get $xp) (local.get $rowBytes)) (local.get $cBytes))))
                    (local.set $right (f32x4.gt (local.get $v01) (local.get $v00)))
                    (local.set $top (v128.bitselect (local.get $v01) (local.get $v00) (local.get $right)))
                    (local.set $bottomRight (f32x4.gt (local.get $v11) (local.get $v10)))
                    (local.set $bottom (v128.bitselect (local.get $v11) (local.get $v10) (local.get $bottomRight)))
                    (local.set $lower (f32x4.gt (local.get $bottom) (local.get $top)))
                    ;; Lanes where top or bottom is not > -Infinity (NaN, or -Infinity itself).
                    (local.set $bad
                      (v128.or (local.get $bad)
                        (v128.not
                          (v128.and
                            (f32x4.gt (local.get $top) (v128.const f32x4 -inf -inf -inf -inf))
                            (f32x4.gt (local.get $bottom) (v128.const f32x4 -inf -inf -inf -inf))))))
                    (local.set $g (v128.load (local.get $dy)))
                    (local.set $dxp (i32.add (local.get $dx) (i32.add (local.get $at) (local.get $d))))
                    (v128.store (local.get $dxp)
                      (v128.andnot (v128.andnot (local.get $g) (local.get $right)) (local.get $lower)))
                    (v128.store (i32.add (local.get $dxp) (local.get $cBytes))
                      (v128.andnot (v128.and (local.get $g) (local.get $right)) (local.get $lower)))
                    (v128.store (i32.add (local.get $dxp) (local.get $rowBytes))
                      (v128.and (v128.andnot (local.get $g) (local.get $bottomRight)) (local.get $lower)))
                    (v128.store (i32.add (i32.add (local.get $dxp) (local.get $rowBytes)) (local.get $cBytes))
                      (v128.and (v128.and (local.get $g) (local.get $bottomRight)) (local.get $lower)))
                    (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
                    (local.set $d (i32.add (local.get $d) (i32.const 16)))
                    (br $dLoop)))
                (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
                (br $owLoop)))
            (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
            (br $ohLoop)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $bLoop)))
    (v128.any_true (local.get $bad)))
)
