//! A choropleth world map drawn on the server as SVG, for readers who would rather look than read: each country
//! shaded by a count, linking to its profile, with a `<title>` and `data-country`/`data-count` attributes; countries
//! with nothing stay neutral. The legend states the class breaks, and the table beside the map stays the
//! accessible alternative (the pages that draw a map keep theirs).
//!
//! The shapes are Natural Earth's public-domain 110m countries from the `world-atlas` package (ISC licence, in
//! `api/data/world/`), projected once (Equal Earth) by `api/data/world/convert.py` into the compact form the binary
//! embeds: one line per country, its ISO 3166-1 numeric id, its name and its SVG path.

use super::layout::SHADES;
use super::ui::Ui;
use crate::i18n::Arg;
use maud::{Markup, html};
use std::collections::HashMap;
use std::sync::LazyLock;

const SHAPES: &str = include_str!("../../../data/world/countries-110m.paths");
const WIDTH: u32 = 1000;
const HEIGHT: u32 = 487;
/// Countries with no count.
const NEUTRAL: &str = "#e4e7eb";
const CLASSES: u64 = 5;

/// One country's shape.
struct Shape {
    iso3: String,
    name: &'static str,
    path: &'static str,
}

/// The shapes, read once; a line whose numeric id ISO 3166-1 does not know is left out.
static WORLD: LazyLock<Vec<Shape>> = LazyLock::new(|| {
    SHAPES
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            let number: usize = fields.next()?.parse().ok()?;
            let (name, path) = (fields.next()?, fields.next()?);
            let iso3 = keshvar::find_by_number(number).ok()?.alpha3().to_string();
            Some(Shape { iso3, name, path })
        })
        .collect()
});

/// The class (1 to 5) of a count above 0, in equal steps up to the largest count.
fn class(count: u64, largest: u64) -> u64 {
    (count * CLASSES).div_ceil(largest.max(1)).clamp(1, CLASSES)
}

/// The counts each class holds, as the legend states them: `(class, lowest, highest)`, empty classes left out.
pub fn breaks(largest: u64) -> Vec<(u64, u64, u64)> {
    (1..=CLASSES)
        .filter_map(|k| {
            let low = ((k - 1) * largest) / CLASSES + 1;
            let high = (k * largest) / CLASSES;
            (largest > 0 && low <= high).then_some((k, low, high))
        })
        .collect()
}

/// The map: `counts` by ISO3, `names` (the hub's country names in the page's language, by ISO3) for the titles,
/// `what` the message naming the counted thing (`map-records`: “{count} records”; `{what}-noun`: “records”), `id`
/// the SVG's element id and `labelled_by` its heading's. A map is never mirrored, whatever the page's direction.
pub fn world(
    ui: &Ui,
    id: &str,
    labelled_by: &str,
    counts: &HashMap<String, u64>,
    names: &HashMap<String, String>,
    what: &str,
) -> Markup {
    let largest = counts.values().copied().max().unwrap_or(0);
    let counted = |n: u64| ui.t_with(what, vec![("count", Arg::Count(n))]);
    let noun = |n: u64| ui.t_with(&format!("{what}-noun"), vec![("count", Arg::Count(n))]);
    let name_of = |iso3: &str, english: &'static str| -> String {
        names
            .get(iso3)
            .cloned()
            .or_else(|| crate::domain::names::country(iso3, ui.language).map(str::to_string))
            .unwrap_or_else(|| english.to_string())
    };
    html! {
        div.map {
                svg id=(id) viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) width=(WIDTH) height=(HEIGHT) role="img"
                    aria-labelledby=(labelled_by) {
                    @for shape in WORLD.iter() {
                        @let count = counts.get(&shape.iso3).copied().unwrap_or(0);
                        @let fill = if count == 0 { NEUTRAL } else { SHADES[class(count, largest) as usize] };
                        @let name = name_of(&shape.iso3, shape.name);
                        a href=(ui.link(&format!("/countries/{}", shape.iso3))) {
                            path data-country=(shape.iso3) data-count=(count) d=(shape.path) fill=(fill) stroke="#ffffff" stroke-width="0.5" {
                                title { (name) ": " (counted(count)) }
                            }
                        }
                    }
                }
            ul.legend aria-label=(ui.t("legend")) {
                li { (swatch(NEUTRAL)) (ui.t("legend-none")) }
                @for (k, low, high) in breaks(largest) {
                    li { (swatch(SHADES[k as usize])) @if low == high { (ui.number(low)) } @else { (ui.number(low)) "–" (ui.number(high)) } " " (noun(high)) }
                }
            }
        }
    }
}

/// A legend's colour sample (SVG: the pages' policy allows no inline style).
fn swatch(fill: &str) -> Markup {
    html! { svg.swatch width="14" height="14" aria-hidden="true" { rect width="14" height="14" fill=(fill) stroke="#6b6b6b" stroke-width="0.5" {} } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shapes_are_read_and_named_by_iso3() {
        assert!(WORLD.len() > 170, "{}", WORLD.len());
        for (iso3, name) in [("MEX", "Mexico"), ("FJI", "Fiji"), ("TCD", "Chad")] {
            let shape = WORLD.iter().find(|s| s.iso3 == iso3).unwrap();
            assert_eq!(shape.name, name);
            assert!(shape.path.starts_with('M') && shape.path.ends_with('Z'));
        }
    }

    #[test]
    fn the_classes_and_their_breaks_agree() {
        assert_eq!(breaks(10), [(1, 1, 2), (2, 3, 4), (3, 5, 6), (4, 7, 8), (5, 9, 10)]);
        assert_eq!(breaks(3), [(2, 1, 1), (4, 2, 2), (5, 3, 3)]);
        assert_eq!(breaks(0), []);
        for largest in 1..40 {
            for count in 1..=largest {
                let k = class(count, largest);
                let found: Vec<_> =
                    breaks(largest).into_iter().filter(|(_, low, high)| (*low..=*high).contains(&count)).collect();
                assert_eq!(found.len(), 1, "{count} of {largest}");
                assert_eq!(found[0].0, k, "{count} of {largest}");
            }
        }
    }
}
