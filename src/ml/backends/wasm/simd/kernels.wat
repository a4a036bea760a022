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

  ;; One filter tap (fr, fc) of the transposed im2col matrix colsT[K, M] (see im2col.ts), for
  ;; every input channel: the `ci` rows (fr, fc, 0..ci-1) starting at `rows`, each M = n*ho*wo
  ;; long. Row (fr, fc, c), column (b, oh, ow) = x[b, oh*sh + ihOff, ow*sw + iwOff, c], or 0
  ;; where that lies outside the image; output columns [owLo, owHi) are the ones inside it
  ;; horizontally (the caller computes them). ci must be a multiple of 4: four channels are
  ;; read at four output columns and transposed in registers (NHWC keeps a pixel's channels
  ;; together, each colsT row wants one channel along the pixels).
  (func (export "im2colTransposedTap")
    (param $x i32) (param $rows i32)
    (param $n i32) (param $h i32) (param $w i32) (param $ci i32) (param $ho i32) (param $wo i32)
    (param $sh i32) (param $sw i32) (param $ihOff i32) (param $iwOff i32) (param $owLo i32) (param $owHi i32)
    (local $rowBytes i32) (local $pixelStep i32) (local $c i32) (local $row0 i32)
    (local $b i32) (local $oh i32) (local $ih i32) (local $d i32) (local $o i32) (local $p i32) (local $k i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rowBytes (i32.shl (i32.mul (i32.mul (local.get $n) (local.get $ho)) (local.get $wo)) (i32.const 2)))
    (local.set $pixelStep (i32.shl (i32.mul (local.get $sw) (local.get $ci)) (i32.const 2)))
    (local.set $c (i32.const 0))
    (block $cDone
      (loop $cLoop
        (br_if $cDone (i32.ge_u (local.get $c) (local.get $ci)))
        (local.set $row0 (i32.add (local.get $rows) (i32.mul (local.get $c) (local.get $rowBytes))))
        (local.set $d (i32.const 0))
        (local.set $b (i32.const 0))
        (block $bDone
          (loop $bLoop
            (br_if $bDone (i32.ge_u (local.get $b) (local.get $n)))
            (local.set $oh (i32.const 0))
            (block $ohDone
              (loop $ohLoop
                (br_if $ohDone (i32.ge_u (local.get $oh) (local.get $ho)))
                (local.set $ih (i32.add (i32.mul (local.get $oh) (local.get $sh)) (local.get $ihOff)))
                (if (i32.or (i32.lt_s (local.get $ih) (i32.const 0)) (i32.ge_s (local.get $ih) (local.get $h)))
                  (then
                    ;; The whole image row lies in the padding: zeros in all four rows.
                    (local.set $k (i32.const 0))
                    (block $zDone
                      (loop $zLoop
                        (br_if $zDone (i32.ge_u (local.get $k) (i32.const 4)))
                        (memory.fill
                          (i32.add (i32.add (local.get $row0) (i32.mul (local.get $k) (local.get $rowBytes))) (local.get $d))
                          (i32.const 0) (i32.shl (local.get $wo) (i32.const 2)))
                        (local.set $k (i32.add (local.get $k) (i32.const 1)))
                        (br $zLoop))))
                  (else
                    ;; Padding columns on the left [0, owLo) and right [owHi, wo).
                    (local.set $k (i32.const 0))
                    (block $pDone
                      (loop $pLoop
                        (br_if $pDone (i32.ge_u (local.get $k) (i32.const 4)))
                        (local.set $p (i32.add (i32.add (local.get $row0) (i32.mul (local.get $k) (local.get $rowBytes))) (local.get $d)))
                        (memory.fill (local.get $p) (i32.const 0) (i32.shl (local.get $owLo) (i32.const 2)))
                        (memory.fill (i32.add (local.get $p) (i32.shl (local.get $owHi) (i32.const 2))) (i32.const 0)
                          (i32.shl (i32.sub (local.get $wo) (local.get $owHi)) (i32.const 2)))
                        (local.set $k (i32.add (local.get $k) (i32.const 1)))
                        (br $pLoop)))
                    ;; x[b, ih, owLo*sw + iwOff, c]
                    (local.set $p
                      (i32.add (local.get $x)
                        (i32.shl
                          (i32.add
                            (i32.mul
                              (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $ih)) (local.get $w))
                                       (i32.add (i32.mul (local.get $owLo) (local.get $sw)) (local.get $iwOff)))
                              (local.get $ci))
                            (local.get $c))
                          (i32.const 2))))
                    (local.set $o (local.get $owLo))
                    (block $vDone
                      (loop $vLoop
                        (br_if $vDone (i32.gt_s (i32.add (local.get $o) (i32.const 4)) (local.get $owHi)))
                        (local.set $a0 (v128.load (local.get $p)))
                        (local.set $a1 (v128.load (i32.add (local.get $p) (local.get $pixelStep))))
                        (local.set $a2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $pixelStep) (i32.const 1)))))
                        (local.set $a3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $pixelStep) (i32.const 3)))))
                        ;; 4x4 transpose: lanes (pixel, channel) -> (channel, pixel).
                        (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a0) (local.get $a1)))
                        (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1)))
                        (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a2) (local.get $a3)))
                        (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3)))
                        (local.set $k (i32.add (i32.add (local.get $row0) (local.get $d)) (i32.shl (local.get $o) (i32.const 2))))
                        (v128.store (local.get $k)
                          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                        (v128.store (i32.add (local.get $k) (local.get $rowBytes))
                          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                        (v128.store (i32.add (local.get $k) (i32.shl (local.get $rowBytes) (i32.const 1)))
                          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                        (v128.store (i32.add (local.get $k) (i32.mul (local.get $rowBytes) (i32.const 3)))
                          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                        (local.set $p (i32.add (local.get $p) (i32.shl (local.get $pixelStep) (i32.const 2))))
                        (local.set $o (i32.add (local.get $o) (i32.const 4)))
                        (br $vLoop)))
                    ;; The last < 4 columns, one pixel (four channels) at a time.
                    (block $sDone
                      (loop $sLoop
                        (br_if $sDone (i32.ge_s (local.get $o) (local.get $owHi)))
                        (local.set $k (i32.add (i32.add (local.get $row0) (local.get $d)) (i32.shl (local.get $o) (i32.const 2))))
                        (f32.store (local.get $k) (f32.load (local.get $p)))
                        (f32.store (i32.add (local.get $k) (local.get $rowBytes)) (f32.load offset=4 (local.get $p)))
                        (f32.store (i32.add (local.get $k) (i32.shl (local.get $rowBytes) (i32.const 1))) (f32.load offset=8 (local.get $p)))
                        (f32.store (i32.add (local.get $k) (i32.mul (local.get $rowBytes) (i32.const 3))) (f32.load offset=12 (local.get $p)))
                        (local.set $p (i32.add (local.get $p) (local.get $pixelStep)))
                        (local.set $o (i32.add (local.get $o) (i32.const 1)))
                        (br $sLoop)))))
                (local.set $d (i32.add (local.get $d) (i32.shl (local.get $wo) (i32.const 2))))
                (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
                (br $ohLoop)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $bLoop)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $cLoop))))

  ;; Column sums of x [rows, cols] (cols a multiple of 4) into acc, cols float64 values:
  ;; blocks of up to 8 rows are summed in float32 registers, then added to the float64 sums
  ;; (every bias gradient, batch norm's moments and its gradient's sums).
  (func (export "sumRows") (param $x i32) (param $acc i32) (param $rows i32) (param $cols i32)
    (local $rowBytes i32) (local $r i32) (local $block i32) (local $j i32) (local $k i32)
    (local $p i32) (local $q i32) (local $a i32) (local $s v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $cols) (i32.const 3)))
    (block $rDone
      (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $block (select (i32.const 8) (i32.sub (local.get $rows) (local.get $r))
          (i32.ge_u (i32.sub (local.get $rows) (local.get $r)) (i32.const 8))))
        (local.set $j (i32.const 0))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (local.set $p (i32.add (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $rowBytes))) (local.get $j)))
            (local.set $s (v128.const f32x4 0 0 0 0))
            (local.set $k (i32.const 0))
            (block $kDone
              (loop $kLoop
                (br_if $kDone (i32.ge_u (local.get $k) (local.get $block)))
                (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $p))))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kLoop)))
            ;; acc is float64: columns j/4 .. j/4+3 at byte 2*j.
            (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))))
            (v128.store (local.get $a) (f64x2.add (v128.load (local.get $a)) (f64x2.promote_low_f32x4 (local.get $s))))
            (v128.store offset=16 (local.get $a)
              (f64x2.add (v128.load offset=16 (local.get $a))
                (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jLoop)))
        (local.set $r (i32.add (local.get $r) (local.get $block)))
        (br $rLoop))))

  ;; Column sums of x * y (elementwise, both [rows, cols]) into acc, as sumRows.
  (func (export "sumRowProducts") (param $x i32) (param $y i32) (param $acc i32) (param $rows i32) (param $cols i32)
    (local $rowBytes i32) (local $r i32) (local $block i32) (local $j i32) (local $k i32)
    (local $p i32) (local $q i32) (local $a i32) (local $s v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $cols) (i32.const 3)))
    (block $rDone
      (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $block (select (i32.const 8) (i32.sub (local.get $rows) (local.get $r))
          (i32.ge_u (i32.sub (local.get $rows) (local.get $r)) (i32.const 8))))
        (local.set $j (i32.const 0))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (local.set $p (i32.add (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $rowBytes))) (local.get $j)))
                (local.set $q (i32.add (local.get $y) (i32.sub (local.get $p) (local.get $x))))
            (local.set $s (v128.const f32x4 0 0 0 0))
            (local.set $k (i32.const 0))
            (block $kDone
              (loop $kLoop
                (br_if $kDone (i32.ge_u (local.get $k) (local.get $block)))
                (local.set $s (f32x4.add (local.get $s) (f32x4.mul (v128.load (local.get $p)) (v128.load (local.get $q)))))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                    (local.set $q (i32.add (local.get $q) (local.get $rowBytes)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kLoop)))
            ;; acc is float64: columns j/4 .. j/4+3 at byte 2*j.
            (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))))
            (v128.store (local.get $a) (f64x2.add (v128.load (local.get $a)) (f64x2.promote_low_f32x4 (local.get $s))))
            (v128.store offset=16 (local.get $a)
              (f64x2.add (v128.load offset=16 (local.get $a))
                (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jLoop)))
        (local.set $r (i32.add (local.get $r) (local.get $block)))
        (br $rLoop))))

  ;; y[r, c] = x[r, c] * params[c] + params[cols + c] for x, y [rows, cols], cols a multiple
  ;; of 4 (batch norm with per-channel statistics, and its gradient's dx with a zero shift).
  (func (export "scaleShift") (param $x i32) (param $params i32) (param $y i32) (param $rows i32) (param $cols i32)
    (local $rowBytes i32) (local $r i32) (local $j i32) (local $o i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (block $rDone
      (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (local.set $o (i32.add (i32.mul (local.get $r) (local.get $rowBytes)) (local.get $j)))
            (v128.store (i32.add (local.get $y) (local.get $o))
              (f32x4.add
                (f32x4.mul (v128.load (i32.add (local.get $x) (local.get $o))) (v128.load (i32.add (local.get $params) (local.get $j))))
                (v128.load (i32.add (i32.add (local.get $params) (local.get $rowBytes)) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rLoop))))

;; y[r, c] = x[r, c]·a[c] + z[r, c]·b[c] + d[c], cols a multiple of 4; params holds a, b and d
  ;; (cols floats each): batch norm's whole input gradient in one pass (dy·A + x·B + D).
  (func (export "scaleShift2") (param $x i32) (param $z i32) (param $params i32) (param $y i32) (param $rows i32) (param $cols i32)
    (local $rowBytes i32) (local $r i32) (local $j i32) (local $o i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (block $rDone
      (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $jDone
          (loop $jLoop
            (br_if $jDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (local.set $o (i32.add (i32.mul (local.get $r) (local.get $rowBytes)) (local.get $j)))
            (v128.store (i32.add (local.get $y) (local.get $o))
              (f32x4.add
                (f32x4.add
                  (f32x4.mul (v128.load (i32.add (local.get $x) (local.get $o))) (v128.load (i32.add (local.get $params) (local.get $j))))
                  (f32x4.mul (v128.load (i32.add (local.get $z) (local.get $o))) (v128.load (i32.add (i32.add (local.get $params) (local.get $rowBytes)) (local.get $j)))))
                (v128.load (i32.add (i32.add (local.get $params) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rLoop))))

  ;; y[cols, rows] = x[rows, cols]^T with rows and cols multiples of 4, in 4x4 blocks
  ;; transposed in registers. Row blocks outer, so x is read front to back; y is written as
  ;; `cols` sequential streams.
  (func (export "transpose") (param $x i32) (param $y i32) (param $rows i32) (param $cols i32)
    (local $inRow i32) (local $outRow i32) (local $r i32) (local $c i32) (local $p i32) (local $q i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $inRow (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $outRow (i32.shl (local.get $rows) (i32.const 2)))
    (block $rDone
      (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $c (i32.const 0))
        (block $cDone
          (loop $cLoop
            (br_if $cDone (i32.ge_u (local.get $c) (local.get $cols)))
            (local.set $p (i32.add (local.get $x) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c)) (i32.const 2))))
            (local.set $a0 (v128.load (local.get $p)))
            (local.set $a1 (v128.load (i32.add (local.get $p) (local.get $inRow))))
            (local.set $a2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $inRow) (i32.const 1)))))
            (local.set $a3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $inRow) (i32.const 3)))))
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a0) (local.get $a1)))
            (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1)))
            (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a2) (local.get $a3)))
            (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3)))
            (local.set $q (i32.add (local.get $y) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $rows)) (local.get $r)) (i32.const 2))))
            (v128.store (local.get $q) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
            (v128.store (i32.add (local.get $q) (local.get $outRow)) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
            (v128.store (i32.add (local.get $q) (i32.shl (local.get $outRow) (i32.const 1))) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
            (v128.store (i32.add (local.get $q) (i32.mul (local.get $outRow) (i32.const 3))) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $cLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rLoop))))

  ;; The filter gradient of a 3x3 convolution with one input channel and stride 1 (a network's
  ;; first layer): dw[fr, fc, co] = sum over b, oh, ow of xp[b, oh + fr, ow + fc] * g[b, oh, ow, co]
  ;; with xp [n, hp, wp] the input already padded (ho = hp - 2, wo = wp - 2), dy [n, ho, wo, co],
  ;; dw [3, 3, co], co a multiple of 4. g = dy, or with y != 0 (a ReLU's output, dy's layout)
  ;; g = y > 0 ? dy : 0, the gradient through the ReLU without a pass of its own. With db != 0
  ;; also db[co] = sum over b, oh, ow of g (the bias gradient). Image by image (its dy stays in
  ;; cache) for each filter row and group of four channels, three accumulators in registers
  ;; (four with the bias, added into db after the first filter row's pass only), added into dw and db.
  (func (export "filterGrad3x3SingleChannel")
    (param $xp i32) (param $dy i32) (param $y i32) (param $dw i32) (param $db i32) (param $n i32) (param $hp i32) (param $wp i32) (param $co i32)
    (local $ho i32) (local $wo i32) (local $b i32) (local $fr i32) (local $g i32) (local $oh i32) (local $ow i32)
    (local $xRow i32) (local $dyPix i32) (local $yPix i32) (local $out i32) (local $coBytes i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $accB v128) (local $d v128) (local $keepAll v128)
    (local.set $ho (i32.sub (local.get $hp) (i32.const 2)))
    (local.set $wo (i32.sub (local.get $wp) (i32.const 2)))
    (local.set $coBytes (i32.shl (local.get $co) (i32.const 2)))
    ;; Without a ReLU every lane is kept: the mask (y > 0) | keepAll is all ones (y read from dy).
    (local.set $keepAll (v128.const i32x4 0 0 0 0))
    (if (i32.eqz (local.get $y))
      (then
        (local.set $y (local.get $dy))
        (local.set $keepAll (v128.const i32x4 -1 -1 -1 -1))))
    (memory.fill (local.get $dw) (i32.const 0) (i32.mul (local.get $coBytes) (i32.const 9)))
    (if (local.get $db) (then (memory.fill (local.get $db) (i32.const 0) (local.get $coBytes))))
    (block $bDone
      (loop $bLoop
        (br_if $bDone (i32.ge_u (local.get $b) (local.get $n)))
        (local.set $fr (i32.const 0))
        (block $frDone
          (loop $frLoop
            (br_if $frDone (i32.ge_u (local.get $fr) (i32.const 3)))
            (local.set $g (i32.const 0))
            (block $gDone
              (loop $gLoop
                (br_if $gDone (i32.ge_u (local.get $g) (local.get $coBytes)))
                (local.set $acc0 (v128.const i32x4 0 0 0 0))
                (local.set $acc1 (v128.const i32x4 0 0 0 0))
                (local.set $acc2 (v128.const i32x4 0 0 0 0))
                (local.set $accB (v128.const i32x4 0 0 0 0))
                ;; dy[b, 0, 0, g/4] and y at the same place
                (local.set $dyPix (i32.add (i32.mul (i32.mul (i32.mul (local.get $b) (local.get $ho)) (local.get $wo)) (local.get $coBytes)) (local.get $g)))
                (local.set $yPix (i32.add (local.get $y) (local.get $dyPix)))
                (local.set $dyPix (i32.add (local.get $dy) (local.get $dyPix)))
                (local.set $oh (i32.const 0))
                (block $ohDone
                  (loop $ohLoop
                    (br_if $ohDone (i32.ge_u (local.get $oh) (local.get $ho)))
                    ;; xp[b, oh + fr, 0]
                    (local.set $xRow (i32.add (local.get $xp)
                      (i32.shl (i32.mul (i32.add (i32.mul (local.get $b) (local.get $hp)) (i32.add (local.get $oh) (local.get $fr))) (local.get $wp)) (i32.const 2))))
                    (local.set $ow (i32.const 0))
                    (block $owDone
                      (loop $owLoop
                        (br_if $owDone (i32.ge_u (local.get $ow) (local.get $wo)))
                        (local.set $d (v128.and (v128.load (local.get $dyPix))
                          (v128.or (f32x4.gt (v128.load (local.get $yPix)) (v128.const f32x4 0 0 0 0)) (local.get $keepAll))))
                        (local.set $accB (f32x4.add (local.get $accB) (local.get $d)))
                        (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (f32x4.splat (f32.load (local.get $xRow))) (local.get $d))))
                        (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (f32x4.splat (f32.load offset=4 (local.get $xRow))) (local.get $d))))
                        (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (f32x4.splat (f32.load offset=8 (local.get $xRow))) (local.get $d))))
                        (local.set $xRow (i32.add (local.get $xRow) (i32.const 4)))
                        (local.set $dyPix (i32.add (local.get $dyPix) (local.get $coBytes)))
                        (local.set $yPix (i32.add (local.get $yPix) (local.get $coBytes)))
                        (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
                        (br $owLoop)))
                    (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
                    (br $ohLoop)))
                ;; dw[fr, 0..2, g/4] += acc0..2; db[g/4] += accB once per image
                (local.set $out (i32.add (i32.add (local.get $dw) (i32.mul (i32.mul (local.get $fr) (i32.const 3)) (local.get $coBytes))) (local.get $g)))
                (v128.store (local.get $out) (f32x4.add (v128.load (local.get $out)) (local.get $acc0)))
                (local.set $out (i32.add (local.get $out) (local.get $coBytes)))
                (v128.store (local.get $out) (f32x4.add (v128.load (local.get $out)) (local.get $acc1)))
                (local.set $out (i32.add (local.get $out) (local.get $coBytes)))
                (v128.store (local.get $out) (f32x4.add (v128.load (local.get $out)) (local.get $acc2)))
                (if (i32.and (i32.ne (local.get $db) (i32.const 0)) (i32.eqz (local.get $fr)))
                  (then
                    (local.set $out (i32.add (local.get $db) (local.get $g)))
                    (v128.store (local.get $out) (f32x4.add (v128.load (local.get $out)) (local.get $accB)))))
                (local.set $g (i32.add (local.get $g) (i32.const 16)))
                (br $gLoop)))
            (local.set $fr (i32.add (local.get $fr) (i32.const 1)))
            (br $frLoop)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $bLoop))))
)
