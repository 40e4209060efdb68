//! Hostile input to the parsers that read what users hand the page: share links (`link::open`),
//! model files (`model::import`) and CSV data (`csv::parse`, `Trainer::import_csv`). Every input,
//! arbitrary text or a real export with bytes, fields and numbers mangled, must be read without a
//! panic, rejected with an error that names what was wrong, or accepted as a trainer within the
//! configuration's limits that can train, and must not allocate more than a bound linear in its
//! size. `fuzz/` runs the same checks (`fuzz/src/lib.rs`) under libFuzzer.
//!
//! Reproducible: a fixed seed unless `PROPTEST_RNG_SEED` is set (`PROPTEST_CASES` sets the case
//! count); a failure prints the input it shrank to.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/lib.rs"]
mod oracle;

use backprop_playground::config::{
    field_names, Choice, MAX_CLASSES, MAX_HIDDEN_LAYERS, MAX_NEURONS, MAX_POINTS,
};
use backprop_playground::data::dataset::{DatasetKind, Problem};
use backprop_playground::data::features::Feature;
use backprop_playground::io::link::{self, CONTROLS, MAX_FRAGMENT};
use backprop_playground::io::{csv, model};
use backprop_playground::network::activation::Activation;
use backprop_playground::network::loss::Loss;
use backprop_playground::network::optimizer::{OptimizerKind, Regularization};
use backprop_playground::network::Init;
use backprop_playground::presets::PRESETS;
use backprop_playground::{Config, FieldValue, Trainer};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config as ProptestConfig, RngSeed};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::LazyLock;

// ---- Allocation, counted per thread (tests run on parallel threads) ----

struct Counting;

thread_local! {
    /// Bytes this thread holds now, and the most it held since the last `measure` began.
    static HELD: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn held(change: isize) {
    // `try_with`: the allocator also runs while a thread's locals are torn down.
    let _ = HELD.try_with(|h| {
        let now = h.get() + change;
        h.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        held(layout.size() as isize);
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        held(layout.size() as isize);
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        held(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as if old and new blocks were both held for a moment, as when it moves.
        held(new_size as isize);
        held(-(layout.size() as isize));
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the most bytes it held at once on this thread.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = HELD.with(Cell::get);
    PEAK.with(|p| p.set(start));
    let out = f();
    (out, (PEAK.with(Cell::get) - start).max(0) as usize)
}

/// What reading one input may hold at once: so many bytes per input byte, plus what the largest
/// valid configuration's trainer and data need.
///
/// Per byte: the worst inputs known (`worst_inputs`) held 8 (link: percent escapes, decoded into
/// their own strings), 19.4 (model: many config keys, each a key string and a field) and 6 (CSV:
/// a 12-byte point per 6-byte line, while the `Vec` doubles); about a quarter more is allowed.
/// (Before lists were capped at `MAX_LIST_ITEMS` and lists of lists refused, a link of empty list
/// items held 99 a byte and a model of one-item lists 72.)
const LINK_BYTES_PER_BYTE: usize = 10;
const MODEL_BYTES_PER_BYTE: usize = 24;
const CSV_BYTES_PER_BYTE: usize = 8;
/// The largest valid link (16 × 32 network, 9 features, 8 classes, 2000 points, with weights)
/// held 1 098 540 bytes, the largest model file 1 012 597 and the largest CSV 122 889
/// (`largest_valid_inputs_fit_the_trainer_allowance`; a point holds a target per regression
/// output, up to 8, since the worked examples); about 19 % more is allowed.
const LARGEST_TRAINER_BYTES: usize = 5 << 18;

fn assert_allocation_within(what: &str, input: &str, per_byte: usize, peak: usize) {
    let bound = per_byte * input.len() + LARGEST_TRAINER_BYTES;
    assert!(
        peak <= bound,
        "{what}: {peak} bytes held at once for {} input bytes; the bound is {bound}; input {:?}",
        input.len(),
        input.chars().take(2000).collect::<String>()
    );
}

// ---- The checks, on each parser; each returns the most bytes reading held at once ----

fn check_link(fragment: &str) -> usize {
    let (opened, peak) = measure(|| link::open(fragment));
    assert_allocation_within("link", fragment, LINK_BYTES_PER_BYTE, peak);
    oracle::check_link(fragment, opened);
    peak
}

fn check_model(text: &str) -> usize {
    let (imported, peak) = measure(|| model::import(text));
    assert_allocation_within("model", text, MODEL_BYTES_PER_BYTE, peak);
    oracle::check_model(text, imported);
    peak
}

fn check_csv(text: &str) -> usize {
    let mut most = 0;
    for (problem, classes) in oracle::CSV_PROBLEMS {
        let (parsed, peak) = measure(|| csv::parse(text, problem, classes, 1));
        assert_allocation_within("csv", text, CSV_BYTES_PER_BYTE, peak);
        oracle::check_csv(text, problem, classes, parsed);
        most = most.max(peak);
    }
    most
}

// ---- Valid inputs to mangle: real exports ----

fn trainer(fields: &[(&str, &str)]) -> Trainer {
    let config = Config::from_fields(
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), FieldValue::Text(v.to_string()))),
    )
    .unwrap_or_else(|e| panic!("test config rejected: {e}"));
    let mut t = Trainer::new(config);
    t.step(3);
    t
}

/// Small networks of every problem, so that mutations often land in the configuration.
fn example_trainers() -> Vec<Trainer> {
    vec![
        trainer(&[]),
        trainer(&[
            ("networkShape", "3"),
            ("dataset", "regGauss"),
            ("numPoints", "12"),
        ]),
        trainer(&[
            ("dataset", "spiralK"),
            ("classes", "3"),
            ("networkShape", "2,3"),
            ("features", "x,sinY,xTimesY"),
            ("optimizer", "adam"),
            ("numPoints", "16"),
        ]),
        trainer(&[
            ("preset", "deadRelu"),
            ("numPoints", "10"),
            ("residual", "true"),
        ]),
    ]
}

const TENSORFLOW_LINK: &str = "#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.59704&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false";

static LINKS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut links = vec![TENSORFLOW_LINK.to_string()];
    for (k, t) in example_trainers().into_iter().enumerate() {
        links.push(format!("#{}", link::fragment(&t, None, false)));
        let preset = PRESETS[k % PRESETS.len()].name;
        links.push(link::fragment(&t, Some(preset), true) + "&embed=1&controls=play,step");
    }
    links
});

static MODELS: LazyLock<Vec<String>> =
    LazyLock::new(|| example_trainers().iter().map(model::export).collect());

static CSVS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut files: Vec<String> = example_trainers().iter().map(Trainer::export_csv).collect();
    files.push("\n x , y , label \n1, 2, -1\n\n-0.5,6,1\r\n".into());
    files
});

// ---- Mutation: one helper for every format ----

/// Numbers that parsers get wrong: out of range, not finite, not quite numbers, too long.
const NASTY_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "-0.5",
    "2",
    "7",
    "8",
    "9",
    "17",
    "33",
    "1999",
    "2000",
    "2001",
    "1e999",
    "-1e999",
    "1e308",
    "1e-320",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "4294967296",
    "9007199254740991",
    "9007199254740992",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "99999999999999999999999",
    "0x10",
    "1_0",
    "1e",
    "-",
    ".",
    "",
    "+1",
    "00000000000000000000000000001",
    "6.0000001",
    "-6",
    "1.5",
];

/// The words the formats are made of: every field, value, control and preset name.
static WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    fn names<T: Choice>() -> impl Iterator<Item = &'static str> {
        T::ALL.iter().map(|c| c.name())
    }
    let mut words: Vec<&'static str> = field_names().to_vec();
    words.extend(CONTROLS);
    words.extend(PRESETS.iter().map(|p| p.name));
    words.extend(names::<Activation>());
    words.extend(names::<DatasetKind>());
    words.extend(names::<Problem>());
    words.extend(names::<Feature>());
    words.extend(names::<Loss>());
    words.extend(names::<Init>());
    words.extend(names::<OptimizerKind>());
    words.extend(names::<Regularization>());
    words.extend([
        "v",
        "w",
        "step",
        "epoch",
        "true",
        "false",
        "null",
        "regDataset",
        "reg-plane",
        "initZero",
        "collectStats",
        "embed",
        "theme",
        "dark",
        "x_hide",
        "format",
        "version",
        "config",
        "layers",
        "weights",
        "biases",
        "label",
    ]);
    words
});

/// Bytes that separate fields in links (`&`), CSV (lines, values) and JSON (members, elements).
const SEPARATORS: &[u8] = b"&\n,";

#[derive(Clone, Debug)]
enum Edit {
    /// Flips one bit of one byte.
    FlipBit(Index, u8),
    Insert(Index, String),
    /// Deletes up to the given number of bytes.
    Delete(Index, u8),
    /// Copies a field (with its separator) to just after itself.
    DuplicateField(Index),
    DeleteField(Index),
    /// Replaces a number with a nasty one.
    Number(Index, &'static str),
    /// Replaces a word with another word of the formats.
    Word(Index, &'static str),
}

/// `[start, end)` spans of the text's fields, each with its trailing separator.
fn fields(text: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (k, b) in text.iter().enumerate() {
        if SEPARATORS.contains(b) {
            spans.push((start, k + 1));
            start = k + 1;
        }
    }
    spans.push((start, text.len()));
    spans
}

/// Spans of maximal runs of bytes that `inside` accepts, starting where `first` accepts one.
fn tokens(text: &[u8], first: fn(u8) -> bool, inside: fn(u8) -> bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut k = 0;
    while k < text.len() {
        if first(text[k]) {
            let start = k;
            while k < text.len() && inside(text[k]) {
                k += 1;
            }
            spans.push((start, k.max(start + 1)));
        } else {
            k += 1;
        }
    }
    spans
}

fn replace_span(text: &mut Vec<u8>, spans: &[(usize, usize)], at: &Index, with: &[u8]) {
    if !spans.is_empty() {
        let (start, end) = spans[at.index(spans.len())];
        text.splice(start..end, with.iter().copied());
    }
}

/// `base` with the edits applied in turn (bytes that no longer form UTF-8 become U+FFFD).
fn mutate(base: &str, edits: &[Edit]) -> String {
    let mut text = base.as_bytes().to_vec();
    for edit in edits {
        let len = text.len();
        match edit {
            Edit::FlipBit(at, bit) if len > 0 => text[at.index(len)] ^= 1 << (bit % 8),
            Edit::Insert(at, piece) => {
                let at = at.index(len + 1);
                text.splice(at..at, piece.bytes());
            }
            Edit::Delete(at, n) if len > 0 => {
                let at = at.index(len);
                text.drain(at..(at + *n as usize).min(len));
            }
            Edit::DuplicateField(at) => {
                let spans = fields(&text);
                let (start, end) = spans[at.index(spans.len())];
                let copy = text[start..end].to_vec();
                text.splice(end..end, copy);
            }
            Edit::DeleteField(at) => {
                let spans = fields(&text);
                replace_span(&mut text, &spans, at, b"");
            }
            Edit::Number(at, number) => {
                let spans = tokens(
                    &text,
                    |b| b.is_ascii_digit() || b == b'-',
                    |b| b.is_ascii_digit() || b".eE+-".contains(&b),
                );
                replace_span(&mut text, &spans, at, number.as_bytes());
            }
            Edit::Word(at, word) => {
                let alphabetic = |b: u8| b.is_ascii_alphabetic() || b == b'_';
                let spans = tokens(&text, alphabetic, alphabetic);
                replace_span(&mut text, &spans, at, word.as_bytes());
            }
            _ => {}
        }
    }
    String::from_utf8_lossy(&text).into_owned()
}

/// Characters that structure the formats, escapes, and the starts of a deep nesting.
const SYNTAX: &[&str] = &[
    "&", "=", "%", "%2", "%25", "%E9", "#", ",", "\n", "\r", "\"", ":", "[", "]", "{", "}", "w=",
    "v=2", "preset=", "[[[[[[[[",
];

/// Pieces worth inserting: format words, nasty numbers, syntax, or any text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        select(WORDS.clone()).prop_map(String::from),
        select(NASTY_NUMBERS).prop_map(String::from),
        select(SYNTAX).prop_map(String::from),
        any::<String>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Edit::FlipBit(i, b)),
        2 => (any::<Index>(), piece()).prop_map(|(i, p)| Edit::Insert(i, p)),
        1 => (any::<Index>(), 1..24u8).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => any::<Index>().prop_map(Edit::DuplicateField),
        1 => any::<Index>().prop_map(Edit::DeleteField),
        3 => (any::<Index>(), select(NASTY_NUMBERS)).prop_map(|(i, n)| Edit::Number(i, n)),
        2 => (any::<Index>(), select(WORDS.clone())).prop_map(|(i, w)| Edit::Word(i, w)),
    ]
}

/// Arbitrary text: any characters, or the formats' own characters and words strung together.
fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[&=%#,.:\\-_+0-9a-zA-Z\\[\\]{}\" \n\r\t]{0,300}",
        prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat()),
    ]
}

/// Inputs for a parser: mostly its valid inputs mangled, sometimes arbitrary text.
fn inputs(valid: &'static [String]) -> impl Strategy<Value = String> {
    prop_oneof![
        1 => arbitrary_text(),
        3 => (select(valid), prop::collection::vec(edit(), 1..5))
            .prop_map(|(base, edits)| mutate(&base, &edits)),
    ]
}

/// A fixed seed (or `PROPTEST_RNG_SEED`), so that every run tries the same inputs; no
/// regression files are written into the source tree.
fn proptest_config(cases: u32) -> ProptestConfig {
    let from_env = ProptestConfig::default();
    let set = |var: &str| std::env::var_os(var).is_some();
    ProptestConfig {
        cases: if set("PROPTEST_CASES") {
            from_env.cases
        } else {
            cases
        },
        rng_seed: if set("PROPTEST_RNG_SEED") {
            from_env.rng_seed
        } else {
            RngSeed::Fixed(0x5eed_ba5e)
        },
        failure_persistence: None,
        ..from_env
    }
}

/// Cases per parser: the three properties take about 1.5 s in `cargo test --release` and 21 s
/// (mostly the link's) in a debug build.
const CASES: u32 = 10_000;

proptest! {
    #![proptest_config(proptest_config(CASES))]

    #[test]
    fn every_link_opens_within_limits(fragment in inputs(LINKS.as_slice())) {
        check_link(&fragment);
    }

    #[test]
    fn every_model_file_is_imported_or_rejected_by_place(text in inputs(MODELS.as_slice())) {
        check_model(&text);
    }

    #[test]
    fn every_csv_file_is_read_or_rejected_by_line(text in inputs(CSVS.as_slice())) {
        check_csv(&text);
    }
}

// ---- The largest valid inputs and the worst inputs we know, for the allocation bound ----

#[derive(Clone, Copy, Debug, PartialEq)]
enum Parser {
    Link,
    Model,
    Csv,
}

fn check(parser: Parser, input: &str) -> usize {
    match parser {
        Parser::Link => check_link(input),
        Parser::Model => check_model(input),
        Parser::Csv => check_csv(input),
    }
}

/// The biggest network, data set and output the configuration allows, trained a little.
fn largest_trainer() -> Trainer {
    let shape = vec![MAX_NEURONS.to_string(); MAX_HIDDEN_LAYERS].join(",");
    let features = Feature::ALL.map(|f| f.name()).join(",");
    trainer(&[
        ("networkShape", &shape),
        ("features", &features),
        ("dataset", "spiralK"),
        ("classes", &MAX_CLASSES.to_string()),
        ("numPoints", &MAX_POINTS.to_string()),
        ("percTrainData", "90"),
        ("batchSize", "1800"),
        ("optimizer", "adam"),
        ("residual", "true"),
    ])
}

/// Items in a list built to cost the most per byte: just past a power of two, a growing `Vec`
/// holds its old and its new buffer (3 items' room per item) for a moment.
const PAST_DOUBLING: usize = (1 << 15) + 1;

/// `n` copies of `item`, comma-separated.
fn list(item: &str, n: usize) -> String {
    vec![item; n].join(",")
}

/// Inputs built to make a parser hold as much as it can per input byte.
fn worst_inputs() -> Vec<(&'static str, Parser, String)> {
    let n = PAST_DOUBLING;
    let model = |config: String, layers: String| {
        format!(
            r#"{{"format":"{}","version":1,"config":{config},"layers":{layers}}}"#,
            model::FORMAT
        )
    };
    let in_config = |value: String| model(format!(r#"{{"networkShape":{value}}}"#), "[]".into());
    let nested = "[".repeat(120) + &list("0", n) + &"]".repeat(120);
    let keys = (0..n).map(|k| format!(r#""{k:x}":0"#)).collect::<Vec<_>>();
    let weights = format!(r#"[{{"weights":[{}],"biases":[]}}]"#, list("0", n));
    let long_key = |k: usize| format!("{k}{}", "k".repeat(MAX_FRAGMENT / 200 - 5));
    vec![
        (
            "a link of a list of empty items",
            Parser::Link,
            format!("networkShape={}", ",".repeat(n - 1)),
        ),
        (
            "a link of a list of features",
            Parser::Link,
            format!("features={}", list("x", n)),
        ),
        (
            "a link of escapes",
            Parser::Link,
            format!("activation={}", "%01".repeat(n)),
        ),
        (
            "a link of 200 long keys",
            Parser::Link,
            (0..200).map(long_key).collect::<Vec<_>>().join("&"),
        ),
        (
            "a link too long",
            Parser::Link,
            "a".repeat(MAX_FRAGMENT + 1),
        ),
        (
            "a model of a list in the config",
            Parser::Model,
            in_config(format!("[{}]", list("0", n))),
        ),
        (
            "a model of empty lists in the config",
            Parser::Model,
            in_config(format!("[{}]", list("[]", n))),
        ),
        (
            "a model of one-item lists in the config",
            Parser::Model,
            in_config(format!("[{}]", list("[0]", n))),
        ),
        (
            "a model of two-deep one-item lists",
            Parser::Model,
            in_config(format!("[{}]", list("[[0]]", n))),
        ),
        (
            "a model of lists nested 120 deep",
            Parser::Model,
            in_config(nested),
        ),
        (
            "a model of many config keys",
            Parser::Model,
            model(format!("{{{}}}", keys.join(",")), "[]".into()),
        ),
        (
            "a model of a long weight list",
            Parser::Model,
            model("{}".into(), weights),
        ),
        (
            "a model too long",
            Parser::Model,
            // A real model padded past the limit: refused for its size, not for bad JSON.
            padded_model(model::MAX_BYTES + 1),
        ),
        ("a CSV line of many values", Parser::Csv, ",".repeat(n)),
        (
            "a CSV of short points, just past a doubling",
            Parser::Csv,
            "1,1,1\n".repeat(1025),
        ),
        (
            "a CSV of too many points",
            Parser::Csv,
            "1,1,1\n".repeat(MAX_POINTS + 1),
        ),
        (
            "a CSV of blank and header lines",
            Parser::Csv,
            "x,y,label\n \n".repeat(n) + "1,1,1",
        ),
    ]
}

/// The trainer allowance: each of the largest valid inputs, read, holds at most that much.
#[test]
fn largest_valid_inputs_fit_the_trainer_allowance() {
    let t = largest_trainer();
    let (fragment, file, data) = (
        link::fragment(&t, Some("spiral"), true),
        model::export(&t),
        t.export_csv(),
    );
    let ((opened, report), link_peak) = measure(|| link::open(&fragment));
    assert!(report.weights && report.errors.is_empty(), "{report:?}");
    assert_eq!(opened.config(), t.config());
    let (imported, model_peak) = measure(|| model::import(&file));
    assert_eq!(imported.unwrap().config(), t.config());
    let (parsed, csv_peak) = measure(|| csv::parse(&data, Problem::Multiclass, MAX_CLASSES, 1));
    assert_eq!(parsed.unwrap().len(), MAX_POINTS);
    let peaks = [link_peak, model_peak, csv_peak];
    eprintln!("the largest link, model file and CSV held {peaks:?} bytes");
    assert!(
        peaks.iter().all(|&p| p <= LARGEST_TRAINER_BYTES),
        "{peaks:?}"
    );
}

/// A real exported model padded with spaces to `len` bytes (still valid JSON).
fn padded_model(len: usize) -> String {
    let text = model::export(&trainer(&[]));
    let pad = len - text.len();
    text + &" ".repeat(pad)
}

#[test]
fn a_model_file_is_read_up_to_its_size_limit_and_no_further() {
    assert!(model::import(&padded_model(model::MAX_BYTES)).is_ok());
    let e = model::import(&padded_model(model::MAX_BYTES + 1))
        .err()
        .unwrap();
    assert!(e.message.starts_with("the file has "), "{e}");
}

/// Run with `--nocapture` to see how close each comes: the per-byte bounds come from these.
#[test]
fn the_worst_inputs_we_know_stay_within_the_allocation_bound() {
    for (what, parser, input) in worst_inputs() {
        let peak = check(parser, &input);
        let per_byte = peak as f64 / input.len() as f64;
        eprintln!(
            "{what}: {peak} bytes for {} ({per_byte:.1} a byte)",
            input.len()
        );
    }
}

// ---- Regressions: inputs that broke a parser once ----

/// `#[serde(untagged)]` copied each nested list once per level: 100 KB of numbers in lists
/// nested 120 deep held 196 MB (4 MB would have held 8 GB). Lists of lists are now refused.
#[test]
fn nested_lists_in_a_model_config_are_read_in_linear_memory() {
    let nested = "[".repeat(120) + &vec!["0"; 50_000].join(",") + &"]".repeat(120);
    let text = format!(
        r#"{{"format":"{}","version":1,"config":{{"networkShape":{nested}}},"layers":[]}}"#,
        model::FORMAT
    );
    check_model(&text);
    // No setting is a list of lists, nor longer than MAX_LIST_ITEMS: refused before it is built.
    let e = model::import(&text).err().unwrap();
    assert!(
        e.message
            .contains("a list of more than 64 items is not a setting"),
        "{e}"
    );
    let shallow = text.replace(&vec!["0"; 50_000].join(","), "0");
    let e = model::import(&shallow).err().unwrap();
    assert!(
        e.message.contains("a list inside a list is not a setting"),
        "{e}"
    );
}

/// Each comma of a line took 16 bytes, or 48 while the `Vec<&str>` of the values grew: a 50 MB
/// file of commas needed 2.4 GB. Now nothing is held per value.
#[test]
fn a_csv_line_of_many_commas_is_read_without_a_copy_per_value() {
    let text = ",".repeat(1 << 20);
    let (parsed, peak) = measure(|| csv::parse(&text, Problem::Classification, 2, 1));
    // The line is copied once, to compare it with the header.
    assert!(peak <= text.len() + 1024, "{peak} bytes");
    assert_eq!(
        parsed.unwrap_err().message,
        format!(
            "line 1: expected 3 comma-separated values x,y,label, found {}",
            (1 << 20) + 1
        )
    );
}

/// Found by `cargo fuzz run model` (a seed with a config key renamed to ""): the error read
/// "model: config.: unknown field; …", naming no key.
#[test]
fn an_empty_config_key_is_named_in_quotes() {
    let text = format!(
        r#"{{"format":"{}","version":1,"config":{{"":1}},"layers":[]}}"#,
        model::FORMAT
    );
    check_model(&text);
    let e = model::import(&text).err().unwrap();
    assert!(
        e.message
            .starts_with("config.: unknown field \"\"; the fields are networkShape"),
        "{e}"
    );
}

/// A step or epoch of u64::MAX overflowed at the next training step (a panic in debug builds,
/// a wrap to 0 in release); JS numbers only hold counters up to 2^53 − 1 exactly anyway.
#[test]
fn counters_beyond_two_to_the_53_are_rejected() {
    let t = trainer(&[]);
    let with_weights = link::fragment(&t, None, true);
    let exported: serde_json::Value = serde_json::from_str(&model::export(&t)).unwrap();
    for counter in ["step", "epoch"] {
        for value in ["18446744073709551615", "9007199254740992", "-1", "1.5", "x"] {
            let fragment = with_weights
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key == counter => format!("{counter}={value}"),
                    _ => pair.to_string(),
                })
                .collect::<Vec<_>>()
                .join("&");
            check_link(&fragment);
            let (_, report) = link::open(&fragment);
            // Not a whole number: named by the link, quoted. Too large: refused by the trainer.
            assert!(
                report
                    .errors
                    .iter()
                    .any(|e| e.starts_with(&format!("{counter}: \"{value}\""))
                        || e.starts_with(&format!("{counter}: {value} is not allowed"))),
                "{fragment}: {report:?}"
            );
        }
        let mut file = exported.clone();
        file[counter] = serde_json::json!(u64::MAX);
        let text = file.to_string();
        check_model(&text);
        let e = model::import(&text).err().unwrap();
        assert!(
            e.message.starts_with(&format!("{counter}: {}", u64::MAX)),
            "{e}"
        );
    }
}

// ---- The fuzzers' seeds (fuzz/corpus/<target>/seed-*) ----

const FUZZ_TARGETS: [(Parser, &str); 3] = [
    (Parser::Link, "link"),
    (Parser::Model, "model"),
    (Parser::Csv, "csv"),
];

fn corpus_dir(target: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target)
}

/// The seeds are real exports; regenerate them when a format changes:
/// `cargo test --test robust_inputs -- --ignored write_fuzz_seeds`.
#[test]
#[ignore = "writes fuzz/corpus/*/seed-*"]
fn write_fuzz_seeds() {
    for (parser, target) in FUZZ_TARGETS {
        let inputs = match parser {
            Parser::Link => &LINKS,
            Parser::Model => &MODELS,
            Parser::Csv => &CSVS,
        };
        let dir = corpus_dir(target);
        std::fs::create_dir_all(&dir).unwrap();
        for (k, input) in inputs.iter().enumerate() {
            std::fs::write(dir.join(format!("seed-{k}")), input).unwrap();
        }
    }
}

/// Every seed is accepted as it is, so that the fuzzers start from inputs that reach every stage.
#[test]
fn fuzz_seeds_are_valid_inputs() {
    for (parser, target) in FUZZ_TARGETS {
        let mut seeds = 0;
        for entry in std::fs::read_dir(corpus_dir(target)).unwrap() {
            let path = entry.unwrap().path();
            if !path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("seed-")
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let accepted = match parser {
                Parser::Link => link::open(&text).1.errors.is_empty(),
                Parser::Model => model::import(&text).is_ok(),
                Parser::Csv => oracle::CSV_PROBLEMS
                    .iter()
                    .any(|&(problem, classes)| csv::parse(&text, problem, classes, 1).is_ok()),
            };
            assert!(accepted, "{} is not accepted", path.display());
            seeds += 1;
        }
        assert!(seeds >= 3, "{target}: {seeds} seeds");
    }
}
