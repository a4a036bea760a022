/**
 * The short explanations attached to the live views. Each has a one-line summary shown
 * next to the view and a few sentences behind "More". Kept as data so the wording is in
 * one place and can be checked for accuracy.
 */

export interface Concept {
  readonly title: string;
  readonly summary: string;
  readonly more: readonly string[];
}

export const CONCEPTS = {
  normalisation: {
    title: 'Pixels scaled to [0, 1]',
    summary: 'The image is 28×28 bytes from 0 (black) to 255 (white). Before it enters the network every pixel is divided by 255, so the network sees numbers from 0 to 1.',
    more: [
      'Inputs of a small, fixed range keep the first layer’s sums in the range its randomly initialised weights and the learning rate were chosen for, so training starts stably.',
      'The same scaling must be used when training and when predicting: a drawing or photo is converted to the same 28×28, 0..1 form before it is classified.',
    ],
  },
  convolution: {
    title: 'Convolution',
    summary: 'Each filter is a small grid of weights slid over the input. At every position it multiplies the values under it by its weights, adds them up plus a bias: one number per position, so each filter makes one feature map.',
    more: [
      'Where the patch under the filter looks like the filter, the sum is large. A filter with positive weights on one side and negative on the other responds to edges in that direction; an all-positive filter responds to bright areas.',
      'Without padding, a 3×3 filter fits 26 times across 28 pixels, so the maps are 26×26. The same filter is used at every position (weight sharing), which is why a convolution needs few weights and finds a pattern wherever it is.',
      'Nobody designs the filters: they start random and training adjusts them. A second convolution sums over all channels of the first, so it responds to combinations of simple patterns: corners, textures, parts such as collars, sleeves or soles.',
    ],
  },
  filters: {
    title: 'Learned filters',
    summary: 'Each square is one 3×3 filter of the first convolution: red weights are positive, blue negative, white near zero. They start as random noise and change while the network trains.',
    more: [
      'After some training many first-layer filters look like edge or blob detectors (a red side next to a blue side, or a red centre). With few training steps they stay close to their random start.',
      'Deeper filters have one 3×3 slice per input channel (e.g. 32 slices for each of 64 filters), which is why they are shown as a grid: one row per filter, one column per input channel.',
    ],
  },
  relu: {
    title: 'ReLU',
    summary: 'ReLU keeps positive values and replaces negative ones with 0: max(0, x). Compare the maps before and after: every blue (negative) value becomes 0.',
    more: [
      'Without a non-linearity between them, a stack of convolution and dense layers would collapse into one linear function, no more powerful than a single layer. ReLU is the simplest non-linearity that prevents this.',
      'It is cheap and its gradient is 1 wherever a unit is active, so the training signal passes through many layers without shrinking.',
      'In this model ReLU is part of the convolution layer (activation "relu"), so the layer itself outputs the "after ReLU" maps. The "before ReLU" maps are the same layer’s convolution plus bias, recomputed here to show the step.',
    ],
  },
  maxPool: {
    title: 'Max pooling',
    summary: 'Max pooling keeps only the largest value of each 2×2 window (moving 2 at a time), halving width and height: a quarter of the numbers, keeping whether the feature appeared somewhere in each window.',
    more: [
      'It has no weights to learn. It makes the next layer cheaper, lets its filters cover a larger part of the image, and makes the result a little insensitive to shifts of a pixel or two.',
      'Average pooling keeps the mean of each window instead: smoother, but a single strong response next to zeros is diluted. The comparison below runs both on the same feature map.',
    ],
  },
  avgPool: {
    title: 'Average pooling',
    summary: 'Average pooling replaces each window by the mean of its values, halving width and height. It keeps the overall level of a region rather than its strongest response.',
    more: ['It has no weights to learn. Max pooling, used in the default model, keeps the strongest response instead; the comparison below runs both on the same feature map.'],
  },
  globalAvgPool: {
    title: 'Global average pooling',
    summary: 'Global average pooling replaces each whole feature map by its mean: one number per channel, whatever the map size.',
    more: ['It is a weight-free alternative to Flatten before the dense layers and throws away where in the image a feature was found.'],
  },
  flatten: {
    title: 'Flatten',
    summary: 'Flatten lays the last block of feature maps out as one long list so dense layers can use it. Nothing is computed and nothing is learned: the values are the pooling output, only rearranged.',
    more: [
      'Each row below is one position of the pooled maps with its channel values, in the order the list uses (position by position, channels together).',
      'Where a feature was found is not lost: every position has its own weights in the next layer.',
    ],
  },
  dense: {
    title: 'Dense (fully connected) layer',
    summary: 'Each output of a dense layer is a weighted sum of all its inputs plus a bias, followed here by ReLU. It combines the features found anywhere in the image into evidence for the classes.',
    more: [
      'In the default model the dense layer after Flatten has 1,600 × 128 weights plus 128 biases: 204,928 of the model’s 225,034 parameters.',
      'Its outputs have no spatial layout any more; each cell below is one unit.',
    ],
  },
  softmax: {
    title: 'Softmax: scores into probabilities',
    summary: 'The last dense layer gives one score per class (a "logit", any real number). Softmax turns the scores into probabilities: e to the power of each score, divided by the sum of them all.',
    more: [
      'The results are between 0 and 1 and add up to 1; the order of the scores is kept, and a score higher by 1 means a probability e ≈ 2.7 times larger.',
      'Subtracting the largest score before taking e^x changes nothing mathematically and keeps the numbers from overflowing; the table shows that step.',
      'Training minimises the cross-entropy loss: −log of the probability given to the true class.',
    ],
  },
  dropout: {
    title: 'Dropout',
    summary: 'While training, dropout sets a random fraction of its inputs to 0 (and scales the rest up to compensate). When predicting, as here, it passes everything through unchanged.',
    more: ['Because any unit may be missing, the network cannot rely on a few specific units and learns more redundant, more general features: a defence against overfitting.'],
  },
  batchNorm: {
    title: 'Batch normalisation',
    summary: 'Batch normalisation shifts and scales each channel to a mean of 0 and a spread of 1, then applies a learned scale and offset. Training uses each batch’s statistics; prediction, as here, uses running averages.',
    more: ['Keeping the inputs of the next layer in a steady range makes training faster and less sensitive to the learning rate; the batch-to-batch noise also regularises a little.'],
  },
  overfitting: {
    title: 'Overfitting',
    summary: 'Training accuracy is measured on the images the network learns from; validation accuracy on held-out images it never trains on. When training keeps improving but validation does not, the gap between them is overfitting: the network is memorising its training images rather than learning what generalises.',
    more: [
      'Early on, validation can even be ahead: an epoch’s training accuracy averages over the whole epoch while the weights were still improving, but validation is measured at its end.',
      'Dropout randomly switches off units while training, so no unit can rely on a few others to memorise examples.',
      'Batch normalisation mainly stabilises and speeds up training; its batch-to-batch noise has a mild regularising effect.',
      'Data augmentation trains on randomly changed copies of the images (here: shifted by a few pixels, mirrored, or with a patch erased), so memorising exact pixels stops paying off.',
      'Early stopping watches the validation loss (or accuracy) after each epoch and ends the run when it has not improved for a number of epochs (the patience), optionally going back to the weights of the best epoch.',
      'L2 weight decay adds the size of the weights to the loss, which favours smaller weights and smoother, simpler solutions.',
      'More training data and a smaller network also reduce overfitting. Dropout, augmentation, L2 and early stopping are set in the Model and Training panels.',
    ],
  },
  confusionMatrix: {
    title: 'Reading the confusion matrix',
    summary: 'Rows are the true classes, columns the predicted ones; a cell counts the test images of its row’s class that the network called its column’s class. The diagonal holds the correct answers, everything else is a mistake.',
    more: [
      'Read along a row to see where the images of one class end up (the diagonal share is that class’s recall); read down a column to see what a prediction really contains (its precision).',
      'The largest off-diagonal cells show which classes the network mixes up. On Fashion-MNIST they are usually the upper-body garments: shirts, T-shirts/tops, pullovers and coats.',
    ],
  },
  gradCam: {
    title: 'Grad-CAM',
    summary: 'Grad-CAM weighs each feature map of the last convolution by how much it raises the chosen class’s score (its average gradient), adds the weighted maps, keeps the positive part and stretches the result over the image. Bright means: features here raised the score.',
    more: [
      'It is as coarse as the last convolution (11×11 in the default model), and it shows what the score depends on, not a human-like reason. Choose another class to see what speaks for that class instead.',
    ],
  },
  saliency: {
    title: 'Gradient saliency',
    summary: 'For every pixel, how much a tiny change of that pixel would change the chosen class’s score (the size of the gradient). Sharp but noisy: it shows where the score is sensitive.',
    more: ['Pixels of the black background can matter too: making a background pixel brighter could add a sleeve or a strap.'],
  },
} as const satisfies Record<string, Concept>;

export type ConceptName = keyof typeof CONCEPTS;
