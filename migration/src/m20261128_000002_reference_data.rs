//! Seeds the reference lists: objectives, principles, regions and their review processes, countries, champions,
//! and the starter themes.

use crate::reference;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::prelude::{ChronoUtc, Date};

fn fact_error(message: String) -> DbErr {
    DbErr::Migration(message)
}

migration! {
    async fn up(manager) {
        let objectives = reference::objectives().map_err(fact_error)?;
        crate::insert_rows(
            manager,
            "objectives",
            &["number", "title", "short_label"],
            objectives.into_iter().map(|o| vec![o.number.into(), o.title.into(), o.short_label.into()]).collect(),
        )
        .await?;

        for (table, rows) in [
            ("principles", reference::principles().map_err(fact_error)?),
            ("themes", reference::themes().map_err(fact_error)?),
        ] {
            let rows = rows
                .into_iter()
                .zip(1..)
                .map(|(row, position): (_, i32)| vec![row.key.into(), row.name.into(), position.into()])
                .collect();
            crate::insert_rows(manager, table, &["key", "name", "position"], rows).await?;
        }

        let reviews = reference::regional_reviews().map_err(fact_error)?;
        let regions = reviews
            .iter()
            .zip(1..)
            .map(|(r, position): (_, i32)| {
                vec![r.key.clone().into(), r.region.clone().into(), r.commission.clone().into(), position.into()]
            })
            .collect();
        crate::insert_rows(manager, "regions", &["key", "name", "commission", "position"], regions).await?;

        let now = ChronoUtc::now();
        let review_rows = reviews
            .into_iter()
            .map(|r| {
                vec![
                    r.key.clone().into(),
                    r.key.into(),
                    format!("GCM regional review: {}", r.region).into(),
                    r.commission.into(),
                    r.first_review.into(),
                    now.into(),
                    now.into(),
                ]
            })
            .collect();
        crate::insert_rows(
            manager,
            "regional_reviews",
            &["key", "region_key", "title", "commission", "first_review", "created_at", "updated_at"],
            review_rows,
        )
        .await?;

        let champions = reference::champions().map_err(fact_error)?;
        let (year, month, day) = reference::CHAMPIONS_SINCE;
        let since = Date::from_ymd_opt(year, month, day).ok_or_else(|| fact_error("bad champion date".into()))?;
        let countries = reference::countries()
            .into_iter()
            .map(|c| {
                let champion = champions.iter().any(|ch| ch.iso3 == c.iso3);
                vec![
                    c.iso3.into(),
                    c.name.into(),
                    c.region_key.map(str::to_string).into(),
                    champion.into(),
                    champion.then_some(since).into(),
                ]
            })
            .collect();
        crate::insert_rows(manager, "countries", &["iso3", "name", "region_key", "is_champion", "champion_since"], countries).await
    }

    async fn down(manager) {
        // Whatever points at reference rows goes first: tags, co-hosts and submissions are removed, optional
        // references are cleared. Content and organizations themselves stay.
        for table in [
            "content_objectives",
            "content_principles",
            "content_themes",
            "content_regions",
            "content_countries",
            "exchange_cohost_countries",
            "review_submissions",
        ] {
            manager.exec_stmt(Query::delete().from_table(table).to_owned()).await?;
        }
        let clear_review =
            Query::update().table("guidance_tools").value("regional_review_id", Option::<i64>::None).to_owned();
        manager.exec_stmt(clear_review).await?;
        let clear_country =
            Query::update().table("organizations").value("country_iso3", Option::<String>::None).to_owned();
        manager.exec_stmt(clear_country).await?;
        for table in ["countries", "regional_reviews", "regions", "themes", "principles", "objectives"] {
            manager.exec_stmt(Query::delete().from_table(table).to_owned()).await?;
        }
        Ok(())
    }
}
