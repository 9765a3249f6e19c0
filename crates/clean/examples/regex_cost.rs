//! Compile each pattern read from stdin (one a line) once, to weigh
//! regex compile costs under callgrind: run it on one pattern and on a
//! trivial one (`a`) and subtract. Used to rank the built-in patterns.
//!
//! Usage: `printf '%s\n' PATTERN | valgrind --tool=callgrind regex_cost`

use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines() {
        let pattern = match line {
            Ok(pattern) => pattern,
            Err(err) => {
                eprintln!("regex_cost: stdin: {err}");
                return;
            }
        };
        match regex::Regex::new(&pattern) {
            Ok(re) => drop(std::hint::black_box(re)),
            Err(err) => eprintln!("regex_cost: {pattern:?}: {err}"),
        }
    }
}
