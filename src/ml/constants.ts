/** Fashion-MNIST images are 28×28 single-channel (grayscale) bytes, 0 = background. */
export const IMAGE_SIZE = 28;
export const IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE;
export const NUM_CLASSES = 10;

/** Label index -> class name, in the dataset's own order. */
export const CLASS_NAMES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

export type ClassName = (typeof CLASS_NAMES)[number];
