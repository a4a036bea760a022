/**
 * A model as typed data: a list of layer specs the UI can show, edit and put in a URL,
 * turned into a tf.LayersModel by buildModel().
 */
export type Activation = 'relu' | 'linear' | 'softmax' | 'sigmoid' | 'tanh' | 'elu';
export type Padding = 'valid' | 'same';

export interface Conv2DSpec {
  readonly type: 'conv2d';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: Padding;
  readonly activation: Activation;
}

export interface Pool2DSpec {
  readonly type: 'maxPool2d' | 'avgPool2d';
  readonly poolSize: number;
  readonly strides: number;
  readonly padding: Padding;
}

export interface DenseSpec {
  readonly type: 'dense';
  readonly units: number;
  readonly activation: Activation;
}

export interface DropoutSpec {
  readonly type: 'dropout';
  readonly rate: number;
}

export interface FlattenSpec {
  readonly type: 'flatten' | 'globalAvgPool2d' | 'batchNorm';
}

export type LayerSpec = Conv2DSpec | Pool2DSpec | DenseSpec | DropoutSpec | FlattenSpec;

export type OptimizerName = 'adam' | 'sgd' | 'rmsprop' | 'adagrad';

export interface ModelSpec {
  /** Hidden layers; the input (28×28×1) is implicit, the last layer must be Dense(10, softmax). */
  readonly layers: readonly LayerSpec[];
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
}

/** The seeds' CNN: Conv32 → Pool → Conv64 → Pool → Flatten → Dense128 → Dense10, Adam 0.001. */
export const SIMPLE_CNN: ModelSpec = {
  layers: [
    { type: 'conv2d', filters: 32, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'conv2d', filters: 64, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'flatten' },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
  optimizer: 'adam',
  learningRate: 0.001,
};
