// The guided lessons, one per idea of the source text, plus a worked example by hand. Plain data:
// each lesson's narrative (plain text with the source's equations, never HTML), its setup (a link
// fragment opened fresh), and its "try this" tasks. A task names what to look at (`look`: controls'
// data-control names or element ids, highlighted on screen) and when it is done (`done`, a pure
// predicate over what the page shows: see lessons/progress.js for the context it receives).

/** The output layer's index in stats.weightGradRms and the like: the last weight layer. */
const last = (list) => list[list.length - 1];
const firstOverLast = (rms) => (rms?.length > 1 && last(rms) > 0 ? rms[0] / last(rms) : null);
const isWeight = (sel) => Boolean(sel && 'j' in sel);
const isNeuron = (sel) => Boolean(sel && 'column' in sel);
/** A selected neuron in a hidden column (columns: 0 the inputs, the last the outputs). */
const isHidden = (ctx) => isNeuron(ctx.selected) && ctx.selected.column > 0 && ctx.selected.column < ctx.sizes.length - 1;

export const LESSONS = [
  {
    id: 'chain-rule',
    title: 'The chain rule',
    setup: 'networkShape=1&features=x&dataset=gauss&activation=tanh&outputActivation=sigmoid&loss=mse&batchSize=1&learningRate=0.1&seed=3',
    narrative: [
      'Backpropagation is the chain rule of calculus, applied layer by layer from the output back to the input.',
      'For a composed function y = f(g(x)): dy/dx = (dy/dg) × (dg/dx). Each arrow of the composition is one multiplication.',
      'This network is exactly such a chain: one input x₁, one hidden neuron, one output. The loss depends on the first weight w only through the hidden neuron: ∂L/∂w = (∂L/∂a₁) × f′(z₁) × x₁, and ∂L/∂a₁ is itself a chain through the output, (∂L/∂ŷ) × σ′(z₂) × W₂. Expanded, that is five factors, one per arrow.',
      'In a wider network a weight reaches the output along several paths, and ∂L/∂w is the sum over the paths of the product along each: "every weight update is a product of all downstream derivatives".',
    ],
    tasks: [
      {
        text: 'Click the first weight (the edge from x₁ to the hidden neuron). The inspector writes ∂L/∂w as a product, each factor with its number (the input x₁ is x[0] in the source’s notation).',
        look: ['network'],
        done: (ctx) => isWeight(ctx.selected) && ctx.selected.layer === 0,
      },
      {
        text: 'In the inspector, expand the full chain and choose the path: its factors light up along the diagram.',
        look: ['inspector'],
        done: (ctx) => Boolean(ctx.path),
      },
      {
        text: 'Add a second hidden layer of two neurons (Hidden layers +), then click a first-layer weight again: its gradient is now a sum over two paths.',
        look: ['networkShape', 'network'],
        done: (ctx) => ctx.config.networkShape.length >= 2 && ctx.config.networkShape[1] >= 2 && isWeight(ctx.selected) && ctx.selected.layer === 0,
      },
    ],
  },
  {
    id: 'output-gradient',
    title: 'Step 1: the output gradient',
    setup: 'preset=sourceText',
    narrative: [
      'The error signal enters the network from the right. For squared error and a sigmoid output: L = ½(ŷ − y)² and ∂L/∂z₂ = (ŷ − y) · ŷ · (1 − ŷ).',
      'Where the source is wrong: it says this signal is "large when the model is wrong and confident". For a sigmoid with squared error it is the opposite. A confident output sits where the sigmoid is flat, ŷ(1 − ŷ) → 0, so a confidently wrong output gets almost no signal and learns slowly.',
      'Read it as two factors: how wrong the prediction is (ŷ − y) and how steep the sigmoid is where it stands (ŷ(1 − ŷ)).',
      'Cross-entropy fixes this: with L = −[y ln ŷ + (1 − y) ln(1 − ŷ)] the sigmoid’s slope cancels and ∂L/∂z₂ = ŷ − y, largest exactly when the model is confidently wrong.',
    ],
    tasks: [
      {
        text: 'Press Explain the math and go (Next →) to "Step 1 — output gradient": read (ŷ − y) · ŷ · (1 − ŷ) with this sample’s numbers.',
        look: ['explain'],
        done: (ctx) => ctx.phase?.kind === 'output' && ctx.config.loss === 'mse',
      },
      {
        text: 'Switch the loss to cross-entropy (Network settings → Loss).',
        look: ['loss'],
        done: (ctx) => ctx.config.loss === 'crossEntropy',
      },
      {
        text: 'With cross-entropy, go to "Step 1 — output gradient" in explain mode again: now ∂L/∂z₂ = ŷ − y, with no sigmoid slope in it.',
        look: ['explain'],
        done: (ctx) => ctx.config.loss === 'crossEntropy' && ctx.phase?.kind === 'output',
      },
    ],
  },
  {
    id: 'hidden-gradient',
    title: 'Step 2: the hidden gradient',
    setup: 'preset=sourceText',
    narrative: [
      'A hidden neuron has no target of its own. Its error signal is what flows back to it: the δ of every neuron it feeds, weighted by the edge between them.',
      '∂L/∂a₁[j] = Σᵢ W₂[i][j] · ∂L/∂z₂[i], the sum over its outgoing edges. Then the activation gates it: ∂L/∂z₁[j] = ∂L/∂a₁[j] · ReLU′(z₁[j]), with ReLU′(z) = 1 if z > 0 and 0 if z ≤ 0.',
      'On the diagram the pulses that travel right to left are these products W·δ, and the rings on the neurons are their δ.',
    ],
    tasks: [
      {
        text: 'Press the step button (one animated step) and watch the error signal travel back from the output to the inputs.',
        look: ['step', 'network'],
        done: (ctx) => ctx.counts.step > 0,
      },
      {
        text: 'Click an edge into a hidden neuron (a first-layer weight): the inspector writes that neuron’s ∂L/∂a₁[j] as the sum over its outgoing edges, then the ReLU′ gate.',
        look: ['network'],
        done: (ctx) => isWeight(ctx.selected) && ctx.selected.layer === 0 && ctx.sizes.length > 2,
      },
      {
        text: 'In explain mode, reach the phase "the gate ReLU′" for the hidden layer.',
        look: ['explain'],
        done: (ctx) => ctx.phase?.kind === 'gate',
      },
    ],
  },
  {
    id: 'dead-relu',
    title: 'Dead ReLU neurons',
    setup: 'preset=deadRelu',
    narrative: [
      'If a hidden neuron’s z is ≤ 0 on every training point, ReLU′(z) = 0 everywhere: its gradient is exactly 0, its weights receive no update, and it never comes back. This is the dying ReLU problem.',
      'A large first step is the usual cause: here η = 1 throws many neurons below zero at once. The count under the loss chart says how many are dead, and the diagram draws them grey and crossed.',
      'Leaky ReLU keeps a small slope (0.01) for z < 0, so a little signal always gets through and the neuron can recover.',
    ],
    tasks: [
      {
        text: 'Press Play and train until the count under the loss chart reports dead neurons.',
        look: ['play', 'dead'],
        done: (ctx, memo) => (ctx.stats?.deadCount > 0 ? ((memo.dead = Math.max(memo.dead ?? 0, ctx.stats.deadCount)), true) : false),
      },
      {
        text: 'Find a dead neuron (grey on the diagram) and click it: its δ is 0 on every point.',
        look: ['network'],
        done: (ctx) => isHidden(ctx) && Boolean(ctx.stats?.dead?.[ctx.selected.column - 1]?.[ctx.selected.index]),
      },
      {
        text: 'Revive it: switch the activation to Leaky ReLU, keeping the weights (the button under the count), and train on.',
        look: ['dead', 'activation'],
        done: (ctx, memo) => ctx.config.activation === 'leakyRelu' && memo.dead > 0 && ctx.stats?.deadCount === 0,
      },
    ],
  },
  {
    id: 'learning-rate',
    title: 'The learning rate',
    setup: 'dataset=circle&networkShape=4,2&activation=tanh&outputActivation=tanh&learningRate=0.03&seed=1',
    narrative: [
      'Every weight moves against its gradient: W ← W − η · ∂L/∂W. The learning rate η is the step size, and the most sensitive setting there is.',
      'Too large and each step overshoots the minimum by more than it corrects: the loss explodes, or the outputs saturate and every gradient becomes ~0 (the network stalls). Too small and training takes forever.',
      'The playground watches for both: it says when the loss explodes or training stalls, and offers the best weights seen before.',
      'To see why, click a weight and press "Use for the loss landscape", then another: the map shows the loss over those two weights and the path training takes across it. A small η walks down the valley; a large one jumps from wall to wall.',
    ],
    tasks: [
      {
        text: 'Raise η (the Learning rate slider) until training explodes or stalls, and press Play.',
        look: ['learningRate', 'play'],
        done: (ctx, memo) => Boolean(ctx.trouble) && ((memo.wild = ctx.config.learningRate), true),
      },
      {
        text: 'Restore the best weights (the button in the message), then lower η again.',
        look: ['message', 'learningRate'],
        done: (ctx, memo) => ctx.counts.restore > 0 && memo.wild > 0 && ctx.config.learningRate < memo.wild && !ctx.trouble,
      },
      {
        text: 'Run the comparison: three learning rates on this network and data, their losses on one chart.',
        look: ['compare'],
        done: (ctx) => ctx.counts.compare > 0,
      },
    ],
  },
  {
    id: 'vanishing-gradients',
    title: 'Vanishing gradients',
    setup: 'preset=vanishingGradients',
    narrative: [
      'Each backward step multiplies the error signal by a weight matrix and an activation derivative. For a sigmoid, σ′(z) ≤ 0.25: if the products are consistently below 1, the signal shrinks exponentially as it travels back.',
      'This network has ten sigmoid layers. By the first layer the gradient may be 10⁻⁶ of its size at the output — essentially zero — so the first layers barely learn.',
      'Residual connections (a = a_prev + f(z)) give the signal a path that skips the multiplication; ReLU has slope 1 where it is active. Both made very deep networks trainable.',
    ],
    tasks: [
      {
        text: 'Train a few epochs and read the gradient chart: the first layer’s bar is orders of magnitude below the last.',
        look: ['gradients', 'play'],
        done: (ctx, memo) => {
          const ratio = firstOverLast(ctx.stats?.weightGradRms);
          if (ctx.config.residual || ratio === null || ctx.stats.epoch < 3) return false;
          memo.before = ratio;
          return ratio < 0.01;
        },
      },
      {
        text: 'Turn on residual connections (under the gradient chart: the network starts again with skip connections) and train: watch the first layer’s gradient grow by orders of magnitude.',
        look: ['residual', 'gradients'],
        done: (ctx, memo) => {
          const ratio = firstOverLast(ctx.stats?.weightGradRms);
          return ctx.config.residual && memo.before > 0 && ratio !== null && ratio > 100 * memo.before;
        },
      },
    ],
  },
  {
    id: 'worked-example',
    title: 'A worked example by hand',
    setup: 'worked=1&problem=regression&outputs=2&outputActivation=sigmoid&networkShape=2&activation=sigmoid&batchSize=1&learningRate=0.5',
    narrative: [
      'Textbooks teach backpropagation with one step done by hand. Here is a well-known one: Matt Mazur’s "A Step by Step Backpropagation Example", a 2-2-2 sigmoid network with inputs 0.05 and 0.10, targets 0.01 and 0.99, squared error and η = 0.5.',
      'His forward pass gives out_o1 = 0.75136507 and a total error E = 0.298371109 (explain mode’s forward and loss phases show them before the step); after one step, w5 = 0.35891648 and w1 = 0.149780716 (the inspector’s value field shows a weight to 6 digits). Mazur leaves the biases as they are; this step updates them too, which changes no weight of his step.',
      'His w1…w4 are the first layer’s weights W₁[0][0], W₁[0][1], W₁[1][0], W₁[1][1] here, and w5…w8 the second layer’s W₂[0][0] … W₂[1][1] (neurons are counted from 0; W[i][j] goes from input j to neuron i).',
      'The editor takes your own example too: any weights and biases, any points, and a target for each output.',
    ],
    tasks: [
      {
        text: 'Load Mazur’s example (the button at the top of the editor).',
        look: ['worked-load'],
        done: (ctx, memo) => ctx.counts.load > 0 && ((memo.stepsAtLoad = ctx.counts.step), true),
      },
      {
        text: 'Take one step (the step button, or One step in the editor): out_o1 = 0.751365 and E = 0.298 go by in its forward pass, then every weight moves.',
        look: ['step', 'worked-step'],
        done: (ctx, memo) => ctx.counts.step > (memo.stepsAtLoad ?? Infinity),
      },
      {
        text: 'Click w5, the edge from h1 to o1 (W₂[0][0] here), and compare its new value with Mazur’s 0.35891648.',
        look: ['network'],
        done: (ctx, memo) => memo.stepsAtLoad !== undefined && isWeight(ctx.selected) && ctx.selected.layer === 1 && ctx.selected.i === 0 && ctx.selected.j === 0,
      },
    ],
  },
];

/** The lesson with this id, or undefined. */
export const lessonById = (id) => LESSONS.find((l) => l.id === id);
