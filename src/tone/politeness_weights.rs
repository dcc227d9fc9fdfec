// Politeness weights of the tone score: written by `make train`
// (cargo run --release --example train -- tone), do not edit.
// Ridge regression of the Stanford Politeness Corpus's normalised score
// on the 30 features of src/tone/politeness.rs: train split (7671 requests,
// Apache-2.0), ridge strength 10 chosen on the validation split
// (1095 requests; Spearman of the estimate 0.362; with the word table of
// politeness_words.bin, L2 0.001, 0.473).

/// The estimate of a draft with every feature at 0.
const BIAS: f32 = -0.0136;

/// The weight of each of [`FEATURES`], in order.
const WEIGHTS: [f32; 30] = [
    0.0121, // please
    -0.0800, // please_start
    0.5191, // thanks
    0.2969, // greeting
    0.1857, // apology
    0.2005, // acknowledge
    0.0637, // hedge
    0.1798, // modal
    0.2213, // deference
    -0.1426, // question_start
    -0.1608, // direct_start
    -0.2566, // you_start
    0.0045, // you
    0.0522, // i_start
    0.0014, // we
    -0.2218, // sarcasm
    -0.1196, // defensive
    -0.2030, // blame
    -0.4044, // insult
    -0.1009, // promise
    0.1585, // positive_words
    -0.1149, // negative_words
    -0.0864, // profanity
    -0.7943, // model_negative
    0.0430, // model_positive
    -0.0900, // model_offence
    0.0000, // question_mark
    -0.0049, // exclamation
    0.2200, // sentences
    0.4829, // words
];
