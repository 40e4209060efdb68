//! The data set as CSV (`x,y,label`, one point a line; `x,y,t0,t1,…` for regression with several
//! outputs, a target per output): written exactly (shortest round-tripping decimals) and read with
//! an error that names the line and what was wrong.

use crate::config::{train_count, ConfigError, MAX_POINTS};
use crate::data::dataset::{check_point, Point, Problem, MAX_OUTPUTS};
use crate::training::Trainer;
use std::fmt::Write;

pub const HEADER: &str = "x,y,label";
/// A file of the most points, written by anyone, is far smaller (about 60 KB): a larger one is
/// padding or not a data set, and is refused before it is read.
pub const MAX_BYTES: usize = 1 << 20;

/// The header for several outputs' targets, cut to the outputs there are.
const TARGETS_HEADER: &str = "x,y,t0,t1,t2,t3,t4,t5,t6,t7";
const _: () = assert!(TARGETS_HEADER.len() == 3 + 3 * MAX_OUTPUTS);

/// The header for `labels` values a point (`x,y,label`, or `x,y,t0,t1,…`).
fn header(labels: usize) -> &'static str {
    if labels <= 1 {
        return HEADER;
    }
    &TARGETS_HEADER[..3 + 3 * labels.min(MAX_OUTPUTS)]
}

/// Training points first, then test points: reading it back with the same split gives them back.
/// `labels`: the values a point carries after x and y (`Config::labels_per_point`).
pub fn write(train: &[Point], test: &[Point], labels: usize) -> String {
    let mut out = header(labels).to_string();
    out.reserve((train.len() + test.len()) * (16 + 8 * labels));
    out.push('\n');
    for p in train.iter().chain(test) {
        // `{}` on f32 prints the shortest decimal that reads back as the same f32.
        for (k, v) in [p.x, p.y]
            .into_iter()
            .chain((0..labels).map(|k| p.target(k)))
            .enumerate()
        {
            out.push_str(if k == 0 { "" } else { "," });
            let _ = write!(out, "{v}");
        }
        out.push('\n');
    }
    out
}

fn error(message: String) -> ConfigError {
    ConfigError {
        field: "csv".into(),
        message,
    }
}

/// Reads points with `labels` values after x and y; a first line of `x,y,label` (or
/// `x,y,t0,t1,…`) is skipped, blank lines are ignored.
pub fn parse(
    text: &str,
    problem: Problem,
    classes: usize,
    labels: usize,
) -> Result<Vec<Point>, ConfigError> {
    if text.len() > MAX_BYTES {
        return Err(error(format!(
            "the file has {} bytes; a data file has at most {MAX_BYTES}",
            text.len()
        )));
    }
    let (header, width) = (header(labels), 2 + labels.clamp(1, MAX_OUTPUTS));
    let mut points = Vec::new();
    for (k, raw) in text.lines().enumerate() {
        let line = k + 1;
        let trimmed = raw.trim();
        let is_header = || {
            let compact = trimmed.replace(' ', "");
            compact.eq_ignore_ascii_case(HEADER) || compact.eq_ignore_ascii_case(header)
        };
        if trimmed.is_empty() || (points.is_empty() && is_header()) {
            continue;
        }
        // Counted, not collected: a line of a million commas would otherwise hold 16 bytes each.
        let count = trimmed.split(',').count();
        if count != width {
            return Err(error(format!(
                "line {line}: expected {width} comma-separated values {header}, found {count}"
            )));
        }
        let mut values = [0.0f32; 2 + MAX_OUTPUTS];
        for (i, (v, text)) in values
            .iter_mut()
            .zip(trimmed.split(',').map(str::trim))
            .enumerate()
        {
            *v = text
                .parse::<f32>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    let name = header.split(',').nth(i).unwrap_or("value");
                    error(format!("line {line}: {name} {text:?} is not a number"))
                })?;
        }
        let point = Point::with_targets(values[0], values[1], &values[2..width]);
        check_point(&point, problem, classes, labels)
            .map_err(|m| error(format!("line {line}: {m}")))?;
        if points.len() == MAX_POINTS {
            return Err(error(format!(
                "more than {MAX_POINTS} points; at most {MAX_POINTS} are allowed"
            )));
        }
        points.push(point);
    }
    if points.is_empty() {
        return Err(error(format!("no points: give lines of {header}")));
    }
    Ok(points)
}

/// A trainer's data as CSV. These methods live with the format rather than in `training`, so that
/// the trainer knows no file format.
impl Trainer {
    /// The data set as CSV: training points first, then test points.
    #[inline(never)] // one copy for the binding and links: the wasm file stays small
    pub fn export_csv(&self) -> String {
        write(
            &self.train_samples().points,
            &self.test_samples().points,
            self.config().labels_per_point(),
        )
    }

    /// Replaces the data set with CSV text (`x,y,label` or `x,y,t0,t1,…` lines), split into
    /// training and test points in the order given: the first `train` of them for training, or by
    /// default `percTrainData` of them, so that an exported file reads back the same. On error
    /// nothing changes.
    #[inline(never)] // one copy for the binding and links
    pub fn import_csv(
        &mut self,
        text: &str,
        train: Option<usize>,
    ) -> Result<Option<String>, ConfigError> {
        let config = self.config();
        let labels = config.labels_per_point();
        let mut points = parse(text, config.problem, config.classes, labels)?;
        let train = match train {
            Some(n) => n.min(points.len()),
            None if points.len() == 1 => 1,
            None => train_count(points.len(), config.perc_train_data),
        };
        let test = points.split_off(train);
        self.set_data(points, test)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset::{generate, DatasetKind};

    #[test]
    fn a_data_set_round_trips_exactly() {
        for (kind, problem, classes) in [
            (DatasetKind::Spiral, Problem::Classification, 2),
            (DatasetKind::RegGauss, Problem::Regression, 2),
            (DatasetKind::Blobs, Problem::Multiclass, 5),
        ] {
            let points = generate(kind, 300, 0.3, classes, 4);
            let text = write(&points[..200], &points[200..], 1);
            assert_eq!(parse(&text, problem, classes, 1).unwrap(), points);
        }
    }

    #[test]
    fn several_targets_round_trip_under_their_own_header() {
        let points = vec![
            Point::with_targets(0.05, 0.1, &[0.01, 0.99, -3.5]),
            Point::with_targets(-1.0, 2.0, &[1e6, 0.0, 1.0 / 3.0]),
        ];
        let text = write(&points, &[], 3);
        assert!(
            text.starts_with("x,y,t0,t1,t2\n0.05,0.1,0.01,0.99,-3.5\n"),
            "{text}"
        );
        assert_eq!(parse(&text, Problem::Regression, 2, 3).unwrap(), points);
        // The old header is still read; a missing target and a huge one are named.
        let e = |text: &str| parse(text, Problem::Regression, 2, 3).unwrap_err().message;
        assert_eq!(
            parse("x,y,label\n1,2,3,4,5", Problem::Regression, 2, 3)
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            e("1,2,3,4"),
            "line 1: expected 5 comma-separated values x,y,t0,t1,t2, found 4"
        );
        assert_eq!(e("1,2,3,x,5"), "line 1: t1 \"x\" is not a number");
        assert!(e("1,2,3,4,2e6").starts_with("line 1: label 2000000 (output 2) is not allowed"));
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let p = Problem::Classification;
        let e = |text: &str| parse(text, p, 2, 1).unwrap_err().message;
        assert_eq!(
            e("x,y,label\n1,2,1\n3,4\n"),
            "line 3: expected 3 comma-separated values x,y,label, found 2"
        );
        assert_eq!(e("1,abc,1"), "line 1: y \"abc\" is not a number");
        assert_eq!(e("1,2,1\n7,0,1"), "line 2: x = 7 is outside [−6, 6]");
        assert!(e("1,2,0.5").starts_with("line 1: label 0.5 is not allowed; use −1 or +1"));
        assert_eq!(e(""), "no points: give lines of x,y,label");
        assert!(parse("1,1,3", Problem::Multiclass, 3, 1)
            .unwrap_err()
            .message
            .contains("0 to 2"));
        assert_eq!(
            parse("\n x , y , label \n1, 2, -1\n\n", p, 2, 1)
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_unread() {
        // One valid line and a megabyte of padding: refused by its size, not read.
        let text = format!("1,1,1\n{}", " ".repeat(MAX_BYTES));
        let e = parse(&text, Problem::Classification, 2, 1).unwrap_err();
        assert!(e.message.contains("at most 1048576"), "{}", e.message);
    }
}
