//! Progress of long jobs (reindex, synthetic seed), reported by the library and drawn by whoever runs it: the
//! command line shows a bar, the server and the tests show nothing.

/// Receives the progress of one job.
pub trait Progress: Send + Sync {
    /// The job starts, with this many steps in all.
    fn start(&self, _message: &str, _total: u64) {}
    /// `steps` more are done.
    fn advance(&self, _steps: u64) {}
    /// The job is over.
    fn finish(&self, _message: &str) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}
