//! Where the workers run: threads of this process, or this process's share
//! of a cluster listed in a hostfile. The same dataflow runs on either.

use crate::{DataflowError, Result};

/// The workers of this process and, for a cluster, its peers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workers {
    /// Worker threads in this process.
    pub threads: usize,
    /// `Some((this process's index, every process's host:port))` for a
    /// cluster.
    pub cluster: Option<(usize, Vec<String>)>,
}

impl Workers {
    /// The timely configuration for these workers.
    pub fn timely_config(&self) -> Result<timely::Config> {
        let threads = self.threads.max(1);
        let communication = match &self.cluster {
            None if threads == 1 => timely::CommunicationConfig::Thread,
            None => timely::CommunicationConfig::Process(threads),
            Some((process, addresses)) => {
                if *process >= addresses.len() {
                    return Err(DataflowError::Config(format!(
                        "process {process} is not in a hostfile of {} processes",
                        addresses.len()
                    )));
                }
                timely::CommunicationConfig::Cluster {
                    threads,
                    process: *process,
                    addresses: addresses.clone(),
                    report: false,
                    zerocopy: false,
                }
            }
        };
        Ok(timely::Config {
            communication,
            worker: timely::WorkerConfig::default(),
        })
    }
}

/// A hostfile: one `host:port` per process, in process order; blank lines
/// and `#` comments are skipped.
pub fn parse_hostfile(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostfile_skips_comments_and_blanks() {
        let hosts = parse_hostfile("# cluster\n10.0.0.1:2101\n\n10.0.0.2:2101  # second\n");
        assert_eq!(hosts, ["10.0.0.1:2101", "10.0.0.2:2101"]);
    }

    #[test]
    fn a_process_outside_the_hostfile_is_an_error() {
        let workers = Workers {
            threads: 1,
            cluster: Some((2, vec!["a:1".into(), "b:2".into()])),
        };
        assert!(workers.timely_config().is_err());
    }
}
