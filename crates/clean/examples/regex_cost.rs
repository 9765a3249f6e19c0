//! Compile each pattern read from stdin (one a line) once, to weigh
//! regex compile costs under callgrind: run it on one pattern and on a
//! trivial one (`a`) and subtract. Used to rank the built-in patterns.
//!
//! Usage: `printf '%s\n' PATTERN | valgrind --tool=callgrind regex_cost`
//! (`--no-prefilter`: built as `regex_automata::meta::Regex` without
//! prefilters, as the label words are.)

use std::io::BufRead;

fn main() {
    let no_prefilter = std::env::args().any(|arg| arg == "--no-prefilter");
    for line in std::io::stdin().lock().lines() {
        let pattern = match line {
            Ok(pattern) => pattern,
            Err(err) => {
                eprintln!("regex_cost: stdin: {err}");
                return;
            }
        };
        if no_prefilter {
            let config = regex_automata::meta::Config::new().auto_prefilter(false);
            match regex_automata::meta::Regex::builder()
                .configure(config)
                .build(&pattern)
            {
                Ok(re) => drop(std::hint::black_box(re)),
                Err(err) => eprintln!("regex_cost: {pattern:?}: {err}"),
            }
            continue;
        }
        match regex::Regex::new(&pattern) {
            Ok(re) => drop(std::hint::black_box(re)),
            Err(err) => eprintln!("regex_cost: {pattern:?}: {err}"),
        }
    }
}
