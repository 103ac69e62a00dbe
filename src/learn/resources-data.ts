/**
 * Resources (Learn panel 14): only what the survey recommends, described in our own words. Links are the
 * official addresses, given only where we are sure of them; years are first publication or release and
 * are added by us only where well established (the survey gives none).
 */

export const RESOURCE_KINDS = [
  'course',
  'book',
  'research',
  'community',
  'framework',
  'platform',
  'event',
  'website',
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Plural labels for the filter chips, singular for an item's badge. */
export const RESOURCE_KIND_LABELS: Record<ResourceKind, { one: string; many: string }> = {
  course: { one: 'Course', many: 'Courses' },
  book: { one: 'Book', many: 'Books' },
  research: { one: 'Research', many: 'Research' },
  community: { one: 'Community', many: 'Communities' },
  framework: { one: 'Framework', many: 'Frameworks' },
  platform: { one: 'Platform', many: 'Platforms' },
  event: { one: 'Event', many: 'Conferences & workshops' },
  website: { one: 'Website', many: 'Blogs & sites' },
};

export interface Resource {
  /** Unique, stable, kebab-case. */
  id: string;
  title: string;
  /** Authors or the organisation behind it, as the survey names them. */
  by?: string;
  kind: ResourceKind;
  year?: number;
  /** Official https address; absent when we are not sure of one. */
  url?: string;
  /** One or two sentences in our own words. */
  note: string;
  /** Extra words a search should find it by. */
  tags: readonly string[];
}

export const RESOURCES: readonly Resource[] = [
  // Courses
  {
    id: 'coursera-deep-learning',
    title: 'Deep Learning Specialization',
    by: 'Andrew Ng · Coursera',
    kind: 'course',
    year: 2017,
    url: 'https://www.coursera.org/specializations/deep-learning',
    note: 'Five courses from neural-network basics through CNNs and sequence models to practical advice, with videos, quizzes, programming assignments and an optional certificate.',
    tags: ['CNN', 'sequence models', 'video lectures', 'certificate', 'beginner'],
  },
  {
    id: 'edx-ibm-keras',
    title: 'Introduction to Deep Learning with Keras',
    by: 'IBM · edX',
    kind: 'course',
    note: 'Builds deep learning models with Keras through interactive lessons and assignments.',
    tags: ['Keras', 'beginner'],
  },
  {
    id: 'udacity-nanodegree',
    title: 'Deep Learning Nanodegree',
    by: 'Udacity',
    kind: 'course',
    note: 'A project-based programme with mentors, covering neural networks, computer vision and language processing in depth.',
    tags: ['projects', 'mentor', 'computer vision', 'NLP'],
  },
  {
    id: 'fastai-course',
    title: 'Practical Deep Learning for Coders',
    by: 'fast.ai',
    kind: 'course',
    url: 'https://course.fast.ai/',
    note: 'A code-first course built on the fastai library: working models early, theory as it becomes useful, plenty of real exercises.',
    tags: ['fastai', 'PyTorch', 'hands-on', 'free'],
  },
  // Books
  {
    id: 'goodfellow-deep-learning',
    title: 'Deep Learning',
    by: 'Ian Goodfellow, Yoshua Bengio, Aaron Courville',
    kind: 'book',
    year: 2016,
    url: 'https://www.deeplearningbook.org/',
    note: 'The standard textbook: the maths behind deep learning, its main algorithms and model designs, treated in depth.',
    tags: ['textbook', 'theory', 'mathematics', 'MIT Press'],
  },
  {
    id: 'chollet-deep-learning-python',
    title: 'Deep Learning with Python',
    by: 'François Chollet',
    kind: 'book',
    year: 2017,
    url: 'https://www.manning.com/books/deep-learning-with-python',
    note: 'A hands-on guide to deep learning in Python with Keras, by Keras’s creator, full of runnable examples.',
    tags: ['Keras', 'Python', 'practical', 'Manning'],
  },
  {
    id: 'geron-hands-on-ml',
    title: 'Hands-On Machine Learning with Scikit-Learn, Keras, and TensorFlow',
    by: 'Aurélien Géron',
    kind: 'book',
    year: 2019,
    note: 'Step-by-step tutorials through classic machine learning and deep learning with Python’s most used libraries, on realistic examples.',
    tags: ['scikit-learn', 'Keras', 'TensorFlow', 'Python', "O'Reilly", 'practical'],
  },
  // Research
  {
    id: 'arxiv',
    title: 'arXiv',
    kind: 'research',
    year: 1991,
    url: 'https://arxiv.org/',
    note: 'The open preprint server where most new deep learning papers appear first (see the cs.LG and cs.CV lists).',
    tags: ['preprints', 'papers', 'latest research'],
  },
  {
    id: 'google-scholar',
    title: 'Google Scholar',
    kind: 'research',
    year: 2004,
    url: 'https://scholar.google.com/',
    note: 'A search engine for academic literature that shows who cites a paper and links to full texts.',
    tags: ['search', 'citations', 'papers'],
  },
  {
    id: 'ieee-tnnls',
    title: 'IEEE Transactions on Neural Networks and Learning Systems',
    by: 'IEEE',
    kind: 'research',
    note: 'A peer-reviewed IEEE journal for research on neural networks and how they learn.',
    tags: ['journal', 'peer review', 'TNNLS'],
  },
  {
    id: 'jmlr',
    title: 'Journal of Machine Learning Research (JMLR)',
    kind: 'research',
    year: 2000,
    url: 'https://www.jmlr.org/',
    note: 'A peer-reviewed, open-access machine learning journal.',
    tags: ['journal', 'peer review', 'open access'],
  },
  // Communities
  {
    id: 'reddit-machinelearning',
    title: 'r/MachineLearning',
    by: 'Reddit',
    kind: 'community',
    url: 'https://www.reddit.com/r/MachineLearning/',
    note: 'A large forum where new papers, projects and news are shared and argued over.',
    tags: ['Reddit', 'forum', 'news', 'discussion'],
  },
  {
    id: 'reddit-deeplearning',
    title: 'r/deeplearning',
    by: 'Reddit',
    kind: 'community',
    url: 'https://www.reddit.com/r/deeplearning/',
    note: 'A forum dedicated to deep learning questions, resources and discussion.',
    tags: ['Reddit', 'forum', 'discussion'],
  },
  {
    id: 'stack-overflow',
    title: 'Stack Overflow',
    kind: 'community',
    year: 2008,
    url: 'https://stackoverflow.com/questions/tagged/deep-learning',
    note: 'Questions and answers on concrete programming problems; the deep-learning, tensorflow and pytorch tags gather the relevant ones.',
    tags: ['Q&A', 'troubleshooting', 'deep-learning', 'tensorflow', 'pytorch'],
  },
  {
    id: 'kaggle',
    title: 'Kaggle',
    kind: 'community',
    year: 2010,
    url: 'https://www.kaggle.com/',
    note: 'Data science competitions plus public datasets, notebooks and tutorials for practising on real problems.',
    tags: ['competitions', 'datasets', 'notebooks', 'practice'],
  },
  // Frameworks
  {
    id: 'tensorflow',
    title: 'TensorFlow',
    by: 'Google',
    kind: 'framework',
    year: 2015,
    url: 'https://www.tensorflow.org/',
    note: 'Google’s open-source framework, from research to production; its tutorials, guides and API reference are the place to start. This app runs on its JavaScript version, TensorFlow.js.',
    tags: [
      'TensorBoard',
      'TensorFlow Lite',
      'TensorFlow Serving',
      'TensorFlow.js',
      'tutorials',
      'GPU',
      'TPU',
    ],
  },
  {
    id: 'pytorch',
    title: 'PyTorch',
    by: 'Facebook AI Research',
    kind: 'framework',
    year: 2016,
    url: 'https://pytorch.org/',
    note: 'An open-source framework that builds its graph as the code runs, popular in research; official tutorials and documentation plus an active community.',
    tags: ['dynamic graph', 'autograd', 'Python', 'tutorials', 'research'],
  },
  {
    id: 'keras',
    title: 'Keras',
    kind: 'framework',
    year: 2015,
    url: 'https://keras.io/',
    note: 'A high-level API for building and training networks in a few readable lines, part of TensorFlow as tf.keras; its guides and examples are a friendly start.',
    tags: ['tf.keras', 'high-level API', 'pre-trained models', 'transfer learning'],
  },
  {
    id: 'mxnet',
    title: 'Apache MXNet',
    by: 'Apache Software Foundation',
    kind: 'framework',
    url: 'https://github.com/apache/mxnet',
    note: 'A framework built for efficient, distributed training that mixes symbolic and imperative code and has bindings for several languages; the project has since been retired.',
    tags: ['distributed training', 'Scala', 'Julia', 'scalability'],
  },
  {
    id: 'caffe',
    title: 'Caffe',
    by: 'Berkeley Vision and Learning Center (BVLC)',
    kind: 'framework',
    url: 'https://caffe.berkeleyvision.org/',
    note: 'A fast, modular framework aimed at computer vision, shipped with pre-trained image models.',
    tags: ['computer vision', 'speed', 'pre-trained models'],
  },
  {
    id: 'theano',
    title: 'Theano',
    by: 'Montreal Institute for Learning Algorithms (MILA)',
    kind: 'framework',
    url: 'https://github.com/Theano/Theano',
    note: 'One of the first deep learning libraries: it compiles symbolic maths with automatic differentiation for CPU and GPU. No longer developed, but an influence on the frameworks that followed.',
    tags: ['symbolic differentiation', 'history', 'Montreal'],
  },
  {
    id: 'cntk',
    title: 'Microsoft Cognitive Toolkit (CNTK)',
    by: 'Microsoft',
    kind: 'framework',
    url: 'https://github.com/microsoft/CNTK',
    note: 'Microsoft’s framework for large-scale training across many GPUs and machines, tied in with Azure.',
    tags: ['distributed training', 'Azure', 'speech recognition', 'performance'],
  },
  {
    id: 'onnx',
    title: 'ONNX (Open Neural Network Exchange)',
    kind: 'framework',
    year: 2017,
    url: 'https://onnx.ai/',
    note: 'An open file format for trained models, so a network made in one framework can run in another; ONNX Runtime executes them on many kinds of hardware.',
    tags: ['interoperability', 'ONNX Runtime', 'model format', 'inference'],
  },
  // Platforms
  {
    id: 'google-colab',
    title: 'Google Colab',
    kind: 'platform',
    url: 'https://colab.research.google.com/',
    note: 'Jupyter notebooks hosted in the cloud, with free (limited) GPU and TPU time: nothing to install.',
    tags: ['notebooks', 'GPU', 'TPU', 'cloud', 'free'],
  },
  {
    id: 'jupyter',
    title: 'Jupyter Notebook',
    kind: 'platform',
    url: 'https://jupyter.org/',
    note: 'An open-source notebook that mixes runnable code, plots and notes in one document, well suited to experimenting.',
    tags: ['notebooks', 'open source', 'visualization'],
  },
  // Conferences and workshops
  {
    id: 'neurips',
    title: 'NeurIPS',
    kind: 'event',
    year: 1987,
    url: 'https://neurips.cc/',
    note: 'The Conference on Neural Information Processing Systems: a leading yearly meeting for new machine learning research, with tutorials and workshops.',
    tags: ['conference', 'tutorials', 'workshops', 'networking'],
  },
  {
    id: 'cvpr',
    title: 'CVPR',
    kind: 'event',
    note: 'The Conference on Computer Vision and Pattern Recognition: the main yearly computer vision meeting, with tutorials and workshops.',
    tags: ['conference', 'computer vision', 'workshops'],
  },
  {
    id: 'icml',
    title: 'ICML',
    kind: 'event',
    url: 'https://icml.cc/',
    note: 'The International Conference on Machine Learning: a leading yearly meeting for machine learning research, with tutorials and workshops.',
    tags: ['conference', 'tutorials', 'workshops'],
  },
  {
    id: 'workshops',
    title: 'Workshops',
    by: 'Conferences and universities',
    kind: 'event',
    note: 'Short, focused sessions on one topic, held at conferences and universities, often with hands-on practice led by experts.',
    tags: ['hands-on', 'experts', 'training'],
  },
  // Blogs and websites
  {
    id: 'towards-data-science',
    title: 'Towards Data Science',
    kind: 'website',
    url: 'https://towardsdatascience.com/',
    note: 'A publication of practical guides, tutorials and opinion pieces on data science and deep learning.',
    tags: ['blog', 'tutorials', 'Medium', 'trends'],
  },
  {
    id: 'distill',
    title: 'Distill',
    kind: 'website',
    url: 'https://distill.pub/',
    note: 'A journal whose articles explain machine learning ideas with interactive figures, clear enough for newcomers.',
    tags: ['journal', 'visualization', 'interactive', 'explanations'],
  },
  {
    id: 'machine-learning-mastery',
    title: 'Machine Learning Mastery',
    kind: 'website',
    url: 'https://machinelearningmastery.com/',
    note: 'Practical, step-by-step tutorials on machine and deep learning, including tips for tuning models.',
    tags: ['tutorials', 'step by step', 'blog'],
  },
];
