//! The time records are stamped with.

use chrono::{DateTime, SubsecRound as _, Utc};

/// Now, to the microsecond: the precision PostgreSQL stores. SQLite would keep nanoseconds in its text, so a hub
/// would answer differently on the two backends, and a copy from one to the other (`hub copy`) would change every
/// timestamp it moves.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
