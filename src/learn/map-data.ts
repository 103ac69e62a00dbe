import type { AppRoute } from './app-routes';

/**
 * The map of deep learning (Learn panel 13): the survey's concepts, architectures, applications,
 * challenges and trends, each summarised in our own words and linked to the place in this app that lets
 * you try it. Items the app does not demonstrate have no links, and the panel says so.
 */

export type MapAreaId = 'foundations' | 'architectures' | 'applications' | 'challenges' | 'trends';

export interface MapArea {
  id: MapAreaId;
  title: string;
  /** One line under the area's heading. */
  blurb: string;
}

export interface MapLink {
  route: AppRoute;
  /** What the user finds there, e.g. 'Convolution panel'. */
  label: string;
}

export interface MapItem {
  /** Unique, stable, kebab-case. */
  id: string;
  area: MapAreaId;
  title: string;
  /** One or two sentences in our own words. */
  summary: string;
  /** Model names, techniques and topics a search should find the item by. */
  tags: readonly string[];
  /** Where the app demonstrates it; empty when nothing here does. */
  links: readonly MapLink[];
}

export const MAP_AREAS: readonly MapArea[] = [
  { id: 'foundations', title: 'Foundations', blurb: 'How a deep network is built and trained.' },
  { id: 'architectures', title: 'Architectures', blurb: 'The model families the field is built on.' },
  { id: 'applications', title: 'Applications', blurb: 'Where deep learning is used today.' },
  { id: 'challenges', title: 'Challenges', blurb: 'What still makes it hard, costly or risky.' },
  { id: 'trends', title: 'Trends', blurb: 'Where research is heading.' },
];

const ANATOMY: MapLink = { route: '#/learn/anatomy', label: 'Anatomy of a network' };
const BACKPROP: MapLink = { route: '#/learn/backprop', label: 'Backpropagation panel' };
const ACTIVATIONS: MapLink = { route: '#/learn/activations', label: 'Activations panel' };
const LOSSES: MapLink = { route: '#/learn/losses', label: 'Loss functions panel' };
const OPTIMIZERS: MapLink = { route: '#/learn/optimizers', label: 'Optimizers panel' };
const REGULARIZATION: MapLink = { route: '#/learn/regularization', label: 'Regularization panel' };
const CNN: MapLink = { route: '#/learn/cnn', label: 'Convolution panel' };
const RNN: MapLink = { route: '#/learn/rnn', label: 'Recurrent networks panel' };
const ATTENTION: MapLink = { route: '#/learn/attention', label: 'Attention panel' };
const ADVERSARIAL: MapLink = { route: '#/learn/adversarial', label: 'Adversarial examples panel' };
const INTERPRETABILITY: MapLink = { route: '#/learn/interpretability', label: 'Interpretability panel' };
const COMPRESSION: MapLink = { route: '#/learn/compression', label: 'Model compression panel' };
const GAN_2D: MapLink = { route: '#/studio/gan-2d', label: 'Studio: 2-D GAN' };
const DIGIT_GAN: MapLink = { route: '#/studio/digit-gan', label: 'Studio: digit GAN' };
const AUTOENCODER: MapLink = { route: '#/studio/autoencoder', label: 'Studio: autoencoder' };
const VAE: MapLink = { route: '#/studio/vae', label: 'Studio: VAE' };
const ARENA: MapLink = { route: '#/arena', label: 'Arena: DQN agents' };
const CHECKPOINTS: MapLink = { route: '#/checkpoints', label: 'Checkpoints' };
const SYSTEM: MapLink = { route: '#/system', label: 'System: backends and benchmarks' };

export const MAP_ITEMS: readonly MapItem[] = [
  // Foundations
  {
    id: 'layers',
    area: 'foundations',
    title: 'Layers of neurons',
    summary:
      'Data enters at an input layer, is transformed by a stack of hidden layers and leaves through an output layer sized to the task. "Deep" just means many hidden layers.',
    tags: ['neural network', 'input layer', 'hidden layer', 'output layer', 'neuron', 'weights', 'bias'],
    links: [ANATOMY],
  },
  {
    id: 'forward-pass',
    area: 'foundations',
    title: 'Forward propagation',
    summary:
      'To predict, each neuron adds up its weighted inputs plus a bias and passes the total through an activation; layer by layer this turns raw input into an output.',
    tags: ['forward pass', 'prediction', 'weighted sum', 'inference'],
    links: [ANATOMY],
  },
  {
    id: 'activation-functions',
    area: 'foundations',
    title: 'Activation functions',
    summary:
      'Non-linear functions such as ReLU, sigmoid and tanh are what let stacked layers model curved relationships; the choice affects how fast and how well a network learns.',
    tags: ['ReLU', 'sigmoid', 'tanh', 'non-linearity', 'vanishing gradient'],
    links: [ACTIVATIONS],
  },
  {
    id: 'loss-functions',
    area: 'foundations',
    title: 'Loss functions',
    summary:
      'A loss scores how far predictions are from the labels: mean squared error for numbers, cross-entropy for classes. Training is the search for weights that make it small.',
    tags: ['MSE', 'mean squared error', 'cross-entropy', 'regression', 'classification', 'objective'],
    links: [LOSSES],
  },
  {
    id: 'backpropagation',
    area: 'foundations',
    title: 'Backpropagation',
    summary:
      'The chain rule, applied from the output backwards, gives the gradient of the loss with respect to every weight, which tells each weight which way to move.',
    tags: ['gradient', 'chain rule', 'weight update', 'autograd'],
    links: [BACKPROP],
  },
  {
    id: 'optimizers',
    area: 'foundations',
    title: 'Optimization algorithms',
    summary:
      'SGD steps against the gradient of a small batch; RMSprop and Adam adapt a step size per weight from running averages of past gradients.',
    tags: ['SGD', 'stochastic gradient descent', 'Adam', 'RMSprop', 'AdaGrad', 'learning rate'],
    links: [OPTIMIZERS],
  },
  {
    id: 'regularization',
    area: 'foundations',
    title: 'Overfitting and regularization',
    summary:
      'A big network can memorise its training set. Dropout, weight decay, data augmentation and early stopping push it towards patterns that hold on new data.',
    tags: ['overfitting', 'dropout', 'weight decay', 'data augmentation', 'early stopping', 'generalization'],
    links: [REGULARIZATION],
  },
  {
    id: 'train-validate-test',
    area: 'foundations',
    title: 'Training, validation and testing',
    summary:
      'Weights are fitted over several epochs on training data, a held-out validation set watches for overfitting, and an untouched test set gives the final honest score before deployment.',
    tags: ['epoch', 'validation set', 'test set', 'early stopping', 'deployment'],
    links: [REGULARIZATION],
  },
  {
    id: 'data-and-compute',
    area: 'foundations',
    title: 'Data and compute',
    summary:
      'Deep models usually need many labelled examples and lots of arithmetic, which is why GPUs and TPUs, plus large datasets, made the field take off.',
    tags: ['GPU', 'TPU', 'hardware', 'labelled data', 'history', 'WebGPU', 'WebGL'],
    links: [SYSTEM],
  },
  // Architectures
  {
    id: 'cnn',
    area: 'architectures',
    title: 'Convolutional networks (CNNs)',
    summary:
      'Small filters slide over an image to build feature maps (edges, then textures, then shapes); pooling shrinks them and dense layers at the end classify.',
    tags: ['CNN', 'convolution', 'filter', 'kernel', 'feature map', 'pooling', 'images'],
    links: [CNN],
  },
  {
    id: 'rnn',
    area: 'architectures',
    title: 'Recurrent networks, LSTM and GRU',
    summary:
      'A recurrent network carries a hidden state from one time step to the next, so it can read sequences. LSTMs and GRUs add gates that keep gradients from vanishing over long spans.',
    tags: ['RNN', 'LSTM', 'GRU', 'gates', 'sequence', 'time series', 'hidden state'],
    links: [RNN],
  },
  {
    id: 'transformer',
    area: 'architectures',
    title: 'Transformers and self-attention',
    summary:
      'Self-attention lets every position of a sequence weigh every other one directly, and multiple heads look for different relations at once; encoders read, decoders generate.',
    tags: ['transformer', 'self-attention', 'multi-head attention', 'encoder', 'decoder', 'GPT', 'BERT'],
    links: [ATTENTION],
  },
  {
    id: 'gan',
    area: 'architectures',
    title: 'Generative adversarial networks (GANs)',
    summary:
      'A generator invents samples and a discriminator tries to tell them from real data; each improves against the other until the fakes are hard to spot.',
    tags: ['GAN', 'generator', 'discriminator', 'synthetic data', 'generative model'],
    links: [GAN_2D, DIGIT_GAN],
  },
  {
    id: 'dqn',
    area: 'architectures',
    title: 'Deep Q-learning (DQN)',
    summary:
      'A network estimates the long-run reward of each action in a state. Replaying a memory of past transitions and using a slowly updated target copy keep its learning stable.',
    tags: ['DQN', 'reinforcement learning', 'Q-value', 'experience replay', 'target network', 'agent'],
    links: [ARENA],
  },
  {
    id: 'autoencoder',
    area: 'architectures',
    title: 'Autoencoders',
    summary:
      'An encoder squeezes the input into a small code and a decoder rebuilds the input from it; the reconstruction error is the training signal, so no labels are needed.',
    tags: ['autoencoder', 'encoder', 'decoder', 'latent space', 'unsupervised', 'dimensionality reduction'],
    links: [AUTOENCODER, VAE],
  },
  // Applications
  {
    id: 'image-classification',
    area: 'applications',
    title: 'Image classification',
    summary:
      'Sorting pictures into known categories, usually with a CNN: from tagging photo libraries to reading X-rays and MRI scans.',
    tags: ['computer vision', 'CNN', 'medical imaging', 'photos'],
    links: [CNN],
  },
  {
    id: 'object-detection',
    area: 'applications',
    title: 'Object detection',
    summary:
      'Finding and boxing every object in an image or video frame, with detectors such as YOLO and Faster R-CNN; used for pedestrians and signs in cars and for face recognition in security.',
    tags: ['computer vision', 'YOLO', 'Faster R-CNN', 'bounding box', 'face recognition'],
    links: [],
  },
  {
    id: 'segmentation',
    area: 'applications',
    title: 'Semantic segmentation',
    summary:
      'Labelling every pixel, for example to outline a tumour or an organ in a scan or the road in a driving scene; U-Net and DeepLab are typical models.',
    tags: ['computer vision', 'U-Net', 'DeepLab', 'pixels', 'medical imaging'],
    links: [],
  },
  {
    id: 'translation',
    area: 'applications',
    title: 'Machine translation',
    summary:
      'Turning text in one language into another; transformer models power services such as Google Translate and DeepL.',
    tags: ['NLP', 'language', 'transformer', 'Google Translate', 'DeepL'],
    links: [ATTENTION],
  },
  {
    id: 'sentiment',
    area: 'applications',
    title: 'Sentiment analysis',
    summary:
      'Deciding whether a text reads positive, negative or neutral, with LSTMs or transformers, to follow brand reputation, customer feedback or markets.',
    tags: ['NLP', 'text classification', 'LSTM', 'transformer', 'social media'],
    links: [RNN, ATTENTION],
  },
  {
    id: 'text-generation',
    area: 'applications',
    title: 'Text generation',
    summary:
      'Producing fluent text that fits its context, as GPT-style models do in chatbots, drafting tools and automatic replies.',
    tags: ['NLP', 'GPT', 'language model', 'chatbot', 'transformer'],
    links: [ATTENTION],
  },
  {
    id: 'speech-recognition',
    area: 'applications',
    title: 'Speech recognition',
    summary:
      'Transcribing speech to text with models such as DeepSpeech or LSTM-based networks, behind voice assistants, dictation and transcription services.',
    tags: ['ASR', 'audio', 'DeepSpeech', 'LSTM', 'Siri', 'Alexa', 'voice'],
    links: [],
  },
  {
    id: 'speech-synthesis',
    area: 'applications',
    title: 'Speech synthesis',
    summary:
      'Reading text aloud in a natural voice, with models such as Tacotron and WaveNet; used in accessibility tools and voice-overs.',
    tags: ['text-to-speech', 'TTS', 'audio', 'Tacotron', 'WaveNet'],
    links: [],
  },
  {
    id: 'self-driving',
    area: 'applications',
    title: 'Self-driving cars',
    summary:
      'Networks fuse camera, lidar and radar data to find lanes, vehicles and obstacles and to support driving decisions, in autonomous cars and driver-assistance systems.',
    tags: ['autonomous systems', 'ADAS', 'lidar', 'radar', 'perception'],
    links: [],
  },
  {
    id: 'robotic-control',
    area: 'applications',
    title: 'Robotic control',
    summary:
      'Robots can learn a task by trial and error with reinforcement learning, and see better with deep perception; used in factories, homes and manufacturing.',
    tags: ['robotics', 'reinforcement learning', 'control', 'autonomous systems'],
    links: [ARENA],
  },
  {
    id: 'game-playing',
    area: 'applications',
    title: 'Game playing',
    summary:
      'Deep reinforcement learning agents learn to play games such as Atari titles from the score alone, one of the field’s best-known successes.',
    tags: ['reinforcement learning', 'DQN', 'Atari', 'games', 'agent'],
    links: [ARENA],
  },
  {
    id: 'medical-imaging',
    area: 'applications',
    title: 'Medical image analysis',
    summary:
      'Spotting signs of disease, such as tumours in radiology or diabetic retinopathy in retinal scans, to support doctors’ diagnoses.',
    tags: ['healthcare', 'radiology', 'cancer', 'retina', 'diagnosis', 'computer vision'],
    links: [],
  },
  {
    id: 'drug-discovery',
    area: 'applications',
    title: 'Drug discovery',
    summary:
      'Predicting molecular properties and interactions from biological data to shortlist drug candidates faster and to tailor treatment to patients.',
    tags: ['healthcare', 'molecules', 'biology', 'personalized medicine'],
    links: [],
  },
  {
    id: 'trading',
    area: 'applications',
    title: 'Algorithmic trading',
    summary: 'Forecasting prices and market trends to trade automatically, including at high frequency.',
    tags: ['finance', 'forecasting', 'stock market', 'time series'],
    links: [],
  },
  {
    id: 'fraud-detection',
    area: 'applications',
    title: 'Fraud detection',
    summary:
      'Flagging transactions that break a customer’s usual pattern. Learning what normal looks like and measuring how far a case departs from it is the idea behind anomaly detection with an autoencoder.',
    tags: ['finance', 'anomaly detection', 'banking', 'unusual patterns'],
    links: [AUTOENCODER],
  },
  {
    id: 'recommendations',
    area: 'applications',
    title: 'Recommendation systems',
    summary:
      'Suggesting films, songs or products from what a person has watched, played or bought, as streaming and music services do.',
    tags: ['personalization', 'Netflix', 'Spotify', 'media'],
    links: [],
  },
  {
    id: 'content-creation',
    area: 'applications',
    title: 'Content creation',
    summary:
      'Generative models such as GANs help make images, art and music, and produce synthetic data to augment small datasets.',
    tags: ['GAN', 'generative art', 'music', 'image synthesis', 'style transfer', 'data augmentation'],
    links: [DIGIT_GAN, GAN_2D],
  },
  {
    id: 'anomaly-and-denoising',
    area: 'applications',
    title: 'Compression, denoising and anomaly detection',
    summary:
      'Because an autoencoder only rebuilds what it has learned to expect, it can compress images, clean up noise, and raise an alarm when a reconstruction is unusually poor.',
    tags: ['autoencoder', 'anomaly detection', 'denoising', 'image compression', 'reconstruction error'],
    links: [AUTOENCODER],
  },
  // Challenges
  {
    id: 'data-requirements',
    area: 'challenges',
    title: 'Hunger for labelled data',
    summary:
      'Good models tend to need large labelled datasets that are slow and expensive to collect; with too little data they overfit.',
    tags: ['large datasets', 'labelling', 'data scarcity', 'overfitting'],
    links: [],
  },
  {
    id: 'data-quality',
    area: 'challenges',
    title: 'Data quality',
    summary:
      'Noisy, skewed or unrepresentative training data leads to wrong or biased predictions, however good the model.',
    tags: ['noise', 'bias', 'representative data'],
    links: [],
  },
  {
    id: 'compute-cost',
    area: 'challenges',
    title: 'Compute cost and training time',
    summary:
      'Large models need powerful accelerators, energy and money, and can take days to train, which slows experiments and shuts out small teams.',
    tags: ['GPU', 'TPU', 'energy', 'cost', 'training time', 'benchmark'],
    links: [SYSTEM],
  },
  {
    id: 'black-box',
    area: 'challenges',
    title: 'Black-box models',
    summary:
      'It is hard to say why a deep network decided what it did, and harder to explain it to non-experts, which blocks use in healthcare, finance and other regulated fields.',
    tags: ['interpretability', 'explainability', 'transparency', 'trust', 'XAI'],
    links: [INTERPRETABILITY],
  },
  {
    id: 'overfitting',
    area: 'challenges',
    title: 'Overfitting',
    summary:
      'Models with many parameters can score well on training data and poorly on new data; regularization, dropout and cross-validation are the usual defences.',
    tags: ['overfitting', 'regularization', 'dropout', 'cross-validation'],
    links: [REGULARIZATION],
  },
  {
    id: 'generalization',
    area: 'challenges',
    title: 'Generalizing as data changes',
    summary:
      'When the data a model meets drifts away from what it was trained on, its accuracy quietly drops and it needs retraining.',
    tags: ['generalization', 'distribution shift', 'drift', 'retraining'],
    links: [],
  },
  {
    id: 'data-bias',
    area: 'challenges',
    title: 'Bias and fairness',
    summary:
      'A model learns the biases in its data and can treat groups of people unfairly, with real harm in hiring, lending or justice; fair models need careful design, evaluation and representative data.',
    tags: ['bias', 'fairness', 'ethics', 'discrimination', 'demographics'],
    links: [],
  },
  {
    id: 'adversarial-attacks',
    area: 'challenges',
    title: 'Adversarial attacks',
    summary:
      'Tiny, deliberately chosen changes to an input, invisible to people, can flip a model’s answer: a safety risk for cars and security systems.',
    tags: ['adversarial examples', 'robustness', 'security', 'FGSM', 'perturbation'],
    links: [ADVERSARIAL],
  },
  {
    id: 'privacy',
    area: 'challenges',
    title: 'Privacy',
    summary:
      'Models trained on personal data may memorise and leak it; differential privacy and secure multi-party computation protect it at the price of extra complexity.',
    tags: ['privacy', 'differential privacy', 'secure multi-party computation', 'personal data'],
    links: [],
  },
  {
    id: 'deployment',
    area: 'challenges',
    title: 'Deployment',
    summary:
      'Running a model in production means meeting latency and scale targets and fitting into existing systems; smaller, faster models make that easier.',
    tags: ['production', 'latency', 'scalability', 'serving', 'inference'],
    links: [COMPRESSION],
  },
  {
    id: 'maintenance',
    area: 'challenges',
    title: 'Keeping models up to date',
    summary:
      'Deployed models go stale as the world changes and must be retrained regularly, which costs time and compute. Saving a model and resuming its training later is the basic tool.',
    tags: ['maintenance', 'retraining', 'checkpoint', 'drift'],
    links: [CHECKPOINTS],
  },
  {
    id: 'ethics',
    area: 'challenges',
    title: 'Ethical and social impact',
    summary:
      'Surveillance, deepfakes and automated decisions about people raise questions of misuse that call for safeguards.',
    tags: ['ethics', 'deepfakes', 'surveillance', 'responsible AI'],
    links: [],
  },
  // Trends
  {
    id: 'transformers-beyond-nlp',
    area: 'trends',
    title: 'Transformers beyond text',
    summary:
      'Attention-based models are spreading from language to vision (Vision Transformers) and to mixed inputs, while research makes them cheaper to run.',
    tags: ['transformer', 'ViT', 'vision transformer', 'multimodal', 'efficiency'],
    links: [ATTENTION],
  },
  {
    id: 'nas',
    area: 'trends',
    title: 'Neural architecture search',
    summary:
      'Letting an algorithm, rather than a person, design the network for a task, now faster and easier to use.',
    tags: ['NAS', 'AutoML', 'architecture design'],
    links: [],
  },
  {
    id: 'unsupervised',
    area: 'trends',
    title: 'Learning without labels',
    summary:
      'Because labels are scarce, generative models (VAEs, GANs) and contrastive methods are being refined to learn useful representations from raw data.',
    tags: ['unsupervised learning', 'VAE', 'GAN', 'contrastive learning', 'representation learning'],
    links: [VAE, GAN_2D],
  },
  {
    id: 'self-supervised',
    area: 'trends',
    title: 'Self-supervised learning',
    summary:
      'Hiding part of the data and predicting it from the rest gives a training signal for free; BERT in language and CLIP in vision were trained this way.',
    tags: ['self-supervised learning', 'BERT', 'CLIP', 'pre-training'],
    links: [],
  },
  {
    id: 'edge',
    area: 'trends',
    title: 'Models on edge devices',
    summary:
      'Phones and IoT devices increasingly run models themselves, for speed and less reliance on the cloud, thanks to quantization, pruning and other compression.',
    tags: ['edge computing', 'mobile', 'IoT', 'quantization', 'pruning', 'compression'],
    links: [COMPRESSION],
  },
  {
    id: 'deep-rl',
    area: 'trends',
    title: 'Deep reinforcement learning',
    summary:
      'Pairing deep networks with reinforcement learning drives progress in robotics, game playing, autonomous systems and personal recommendations.',
    tags: ['reinforcement learning', 'DQN', 'robotics', 'games', 'decision making'],
    links: [ARENA],
  },
  {
    id: 'xai',
    area: 'trends',
    title: 'Explainable AI',
    summary:
      'Attention maps, feature attribution and model-agnostic tools show what drove a prediction, to build trust in critical uses.',
    tags: ['XAI', 'explainability', 'feature attribution', 'saliency', 'attention', 'trust'],
    links: [INTERPRETABILITY, ATTENTION],
  },
  {
    id: 'interpretable-models',
    area: 'trends',
    title: 'Interpretable by design',
    summary:
      'Instead of explaining a black box afterwards, some research builds models whose structure is readable from the start, trading little accuracy for clarity.',
    tags: ['interpretability', 'transparent models', 'explainability'],
    links: [],
  },
  {
    id: 'fair-ai',
    area: 'trends',
    title: 'Bias mitigation and responsible AI',
    summary:
      'Adversarial debiasing, fairness-aware training and bias correction aim at equal treatment across groups, alongside guidelines for transparency and accountability.',
    tags: [
      'fairness',
      'adversarial debiasing',
      'bias correction',
      'responsible AI',
      'ethics',
      'accountability',
    ],
    links: [],
  },
  {
    id: 'quantum-ml',
    area: 'trends',
    title: 'Quantum machine learning',
    summary:
      'Quantum algorithms for optimization and data encoding are being explored as a way to speed up or extend deep learning.',
    tags: ['quantum computing', 'optimization'],
    links: [],
  },
  {
    id: 'neurosymbolic',
    area: 'trends',
    title: 'Neurosymbolic AI',
    summary:
      'Combining learned networks with symbolic reasoning, for tasks that need logic and structured knowledge as well as pattern recognition.',
    tags: ['symbolic reasoning', 'logic', 'knowledge', 'robustness'],
    links: [],
  },
  {
    id: 'efficient-training',
    area: 'trends',
    title: 'Cheaper, faster training',
    summary: 'Distributed, federated and sparse training cut the time and resources a model needs to learn.',
    tags: ['distributed training', 'federated learning', 'sparse training', 'efficiency'],
    links: [],
  },
  {
    id: 'transfer-learning',
    area: 'trends',
    title: 'Transfer learning',
    summary:
      'Starting from a large pre-trained model and fine-tuning it adapts to a new task with little data and training, and is becoming the norm.',
    tags: ['transfer learning', 'pre-trained models', 'fine-tuning', 'foundation models'],
    links: [],
  },
];
