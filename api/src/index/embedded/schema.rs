//! The embedded index's schema: which fields a document has and how each is indexed.

use super::TOKENIZER;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub(super) id: Field,
    pub(super) kind: Field,
    pub(super) group: Field,
    pub(super) title: Field,
    pub(super) summary: Field,
    pub(super) body: Field,
    pub(super) title_stems: Field,
    pub(super) summary_stems: Field,
    pub(super) body_stems: Field,
    pub(super) group_stems: Field,
    pub(super) language: Field,
    /// The language's primary subtag (`pt` for `pt-BR`), which `preferredLanguage` ranks by.
    pub(super) primary_language: Field,
    pub(super) year: Field,
    pub(super) objectives: Field,
    pub(super) principles: Field,
    pub(super) regions: Field,
    pub(super) countries: Field,
    pub(super) themes: Field,
    pub(super) calls: Field,
    pub(super) organizations: Field,
    pub(super) published_at: Field,
    pub(super) updated_at: Field,
}

pub(super) fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored { options.set_stored() } else { options }
    };
    let fields = Fields {
        id: builder.add_u64_field("id", INDEXED | FAST | STORED),
        kind: builder.add_text_field("kind", STRING | FAST),
        group: builder.add_text_field("group", STRING | FAST),
        title: builder.add_text_field("title", text(false)),
        summary: builder.add_text_field("summary", text(false)),
        body: builder.add_text_field("body", text(false)),
        title_stems: builder.add_text_field("title_stems", text(false)),
        summary_stems: builder.add_text_field("summary_stems", text(false)),
        body_stems: builder.add_text_field("body_stems", text(false)),
        group_stems: builder.add_text_field("group_stems", text(false)),
        language: builder.add_text_field("language", STRING | FAST),
        primary_language: builder.add_text_field("primary_language", STRING),
        year: builder.add_i64_field("year", INDEXED | FAST),
        objectives: builder.add_u64_field("objectives", INDEXED | FAST),
        principles: builder.add_text_field("principles", STRING | FAST),
        regions: builder.add_text_field("regions", STRING | FAST),
        countries: builder.add_text_field("countries", STRING | FAST),
        themes: builder.add_text_field("themes", STRING | FAST),
        calls: builder.add_text_field("calls", STRING | FAST),
        organizations: builder.add_u64_field("organizations", INDEXED),
        published_at: builder.add_i64_field("published_at", INDEXED | FAST),
        updated_at: builder.add_i64_field("updated_at", INDEXED | FAST),
    };
    (builder.build(), fields)
}
