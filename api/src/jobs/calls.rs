//! The calls' clock: once a minute, tells the contributors of every published call that has passed its deadline
//! since the last look (each call once, marked in the same transaction, so several instances never tell twice).
//! Calls closed early by an editor are told at once, by the mutation.

use crate::service::content::call_for_practices;
use sea_orm::DatabaseConnection;
use std::time::Duration;

/// How often deadlines are looked at: a contributor hears of a closed call within this long.
pub const PERIOD: Duration = Duration::from_secs(60);

pub async fn run(db: DatabaseConnection) {
    let mut ticks = tokio::time::interval(PERIOD);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match call_for_practices::announce_closed(&db, crate::domain::clock::now()).await {
            Ok(0) => {}
            Ok(calls) => tracing::info!(calls, "contributors told that their calls for practices closed"),
            Err(error) => tracing::warn!(error = ?error, "looking for closed calls failed; trying again next minute"),
        }
    }
}
