//! Every name of every record type, spelled once. A content kind's row in [`KINDS`] holds its GraphQL type and enum
//! value, its list, its index key, its URL words and how messages and the audit trail call it; [`RecordType`] names
//! everything else that has a global id or an audit trail. Adding a content type means adding a `ContentKind`
//! variant (the stored value) and one row here.

use hub_entity::enums::ContentKind;

/// The names of one content kind, everywhere it is spelled.
#[derive(Debug)]
pub struct KindNames {
    pub kind: ContentKind,
    /// GraphQL object type, global-id prefix and audit subject type: `GuidanceTool`.
    pub type_name: &'static str,
    /// `ContentType` enum value, search index key and `TYPE` facet value: `GUIDANCE_TOOL`.
    pub key: &'static str,
    /// Root list field, and the list a cursor belongs to: `guidanceTools`.
    pub list: &'static str,
    /// Audit action prefix (`guidance_tool.publish`) and URL word: `guidance_tool`.
    pub word: &'static str,
    /// Path segment of pages about records of this kind: `guidance-tools`.
    pub path: &'static str,
    /// In messages (`guidance tool not found`) and, capitalised, in facet labels.
    pub label: &'static str,
    /// Prefix of the translation keys of records created without `translationOf` (stored: never change it).
    pub translation_prefix: &'static str,
    /// How records become public.
    pub workflow: Workflow,
    /// Whether published records are indexed for `search` (and so counted by the explorer, coverage and exports).
    pub searchable: bool,
    /// Whether `related` suggests records of this kind beside records of other kinds. Review submissions are
    /// countries' reports: a reader of a practice wants practices, tools and exchanges next, so submissions are
    /// suggested beside other submissions only.
    pub suggested_beside_others: bool,
}

/// How records of a kind become public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workflow {
    /// Contributors submit them and editors review them (submit, then publish): practices.
    Reviewed,
    /// Editors write them and publish their drafts directly.
    Editorial,
    /// Editors write them and they are public as soon as they are saved (public documents, such as submissions to
    /// the regional reviews); editors may archive them.
    PublicOnSave,
}

/// The content kinds, in the order the API lists them.
pub const KINDS: [KindNames; 6] = [
    KindNames {
        kind: ContentKind::Practice,
        type_name: "Practice",
        key: "PRACTICE",
        list: "practices",
        word: "practice",
        path: "practices",
        label: "practice",
        translation_prefix: "practice",
        workflow: Workflow::Reviewed,
        searchable: true,
        suggested_beside_others: true,
    },
    KindNames {
        kind: ContentKind::GuidanceTool,
        type_name: "GuidanceTool",
        key: "GUIDANCE_TOOL",
        list: "guidanceTools",
        word: "guidance_tool",
        path: "guidance-tools",
        label: "guidance tool",
        translation_prefix: "tool",
        workflow: Workflow::Editorial,
        searchable: true,
        suggested_beside_others: true,
    },
    KindNames {
        kind: ContentKind::PeerExchange,
        type_name: "PeerExchange",
        key: "PEER_EXCHANGE",
        list: "peerExchanges",
        word: "peer_exchange",
        path: "peer-exchanges",
        label: "peer exchange",
        translation_prefix: "exchange",
        workflow: Workflow::Editorial,
        searchable: true,
        suggested_beside_others: true,
    },
    // Calls are what practices answer, not what researchers look for: practices carry a `call` facet instead.
    KindNames {
        kind: ContentKind::CallForPractices,
        type_name: "CallForPractices",
        key: "CALL_FOR_PRACTICES",
        list: "callsForPractices",
        word: "call",
        path: "calls",
        label: "call for practices",
        translation_prefix: "call",
        workflow: Workflow::Editorial,
        searchable: false,
        suggested_beside_others: false,
    },
    // Collections gather records of the searchable kinds; Practice.collections and the landing page show them.
    KindNames {
        kind: ContentKind::Collection,
        type_name: "Collection",
        key: "COLLECTION",
        list: "collections",
        word: "collection",
        path: "collections",
        label: "collection",
        translation_prefix: "collection",
        workflow: Workflow::Editorial,
        searchable: false,
        suggested_beside_others: false,
    },
    // Voluntary inputs to the GCM regional reviews: public documents, searchable beside the practices they inform.
    KindNames {
        kind: ContentKind::ReviewSubmission,
        type_name: "ReviewSubmission",
        key: "REVIEW_SUBMISSION",
        list: "reviewSubmissions",
        word: "review_submission",
        path: "review-submissions",
        label: "review submission",
        translation_prefix: "submission",
        workflow: Workflow::PublicOnSave,
        searchable: true,
        suggested_beside_others: false,
    },
];

/// The kinds `search` indexes, in the order the API lists them.
pub fn searchable() -> impl Iterator<Item = &'static KindNames> {
    KINDS.iter().filter(|row| row.searchable)
}

/// The index keys of the kinds `related` leaves out for a record of the kind keyed `key`: the kinds suggested beside
/// their own kind only, other than the record's.
pub fn unsuggested_beside(key: &str) -> impl Iterator<Item = &'static str> {
    searchable().filter(move |row| !row.suggested_beside_others && row.key != key).map(|row| row.key)
}

/// The names of a content kind.
pub fn names(kind: ContentKind) -> &'static KindNames {
    // Every kind has its row (a test checks it); the first row is only a fallback the compiler asks for.
    KINDS.iter().find(|row| row.kind == kind).unwrap_or(&KINDS[0])
}

impl KindNames {
    /// The label with a capital, for people: `Guidance tool`.
    pub fn title(&self) -> String {
        let mut chars = self.label.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }
}

/// The types of record that have a global id (`Node.id`) or an audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordType {
    Content(ContentKind),
    Organization,
    RegionalReview,
    Theme,
    Country,
    GcmObjective,
    GuidingPrinciple,
    Region,
    Webhook,
    WebhookDelivery,
    Notification,
}

/// The record types other than content, with their type name and audit word.
const OTHERS: [(RecordType, &str, &str); 10] = [
    (RecordType::Organization, "Organization", "organization"),
    (RecordType::RegionalReview, "RegionalReview", "regional_review"),
    (RecordType::Theme, "Theme", "theme"),
    (RecordType::Country, "Country", "country"),
    (RecordType::GcmObjective, "GcmObjective", "objective"),
    (RecordType::GuidingPrinciple, "GuidingPrinciple", "principle"),
    (RecordType::Region, "Region", "region"),
    (RecordType::Webhook, "Webhook", "webhook"),
    (RecordType::WebhookDelivery, "WebhookDelivery", "webhook_delivery"),
    (RecordType::Notification, "Notification", "notification"),
];

impl RecordType {
    pub const PRACTICE: RecordType = RecordType::Content(ContentKind::Practice);
    pub const GUIDANCE_TOOL: RecordType = RecordType::Content(ContentKind::GuidanceTool);
    pub const PEER_EXCHANGE: RecordType = RecordType::Content(ContentKind::PeerExchange);
    pub const REVIEW_SUBMISSION: RecordType = RecordType::Content(ContentKind::ReviewSubmission);

    /// Every record type.
    pub fn all() -> impl Iterator<Item = RecordType> {
        KINDS.iter().map(|row| RecordType::Content(row.kind)).chain(OTHERS.iter().map(|(record, ..)| *record))
    }

    /// The GraphQL type name, as in global ids and audit subjects: `Practice`, `GcmObjective`.
    pub fn name(self) -> &'static str {
        match self {
            RecordType::Content(kind) => names(kind).type_name,
            other => OTHERS.iter().find(|(record, ..)| *record == other).map_or("", |(_, name, _)| name),
        }
    }

    /// The first word of its audit actions: `practice`, `objective`, `review_submission`.
    pub fn word(self) -> &'static str {
        match self {
            RecordType::Content(kind) => names(kind).word,
            other => OTHERS.iter().find(|(record, ..)| *record == other).map_or("", |(.., word)| word),
        }
    }

    /// The opaque global id (`Node.id`) of the record of this type with row id `id`: the type name and the id,
    /// base64url-encoded. Spelled here once, for the API and for what leaves it otherwise (webhook payloads).
    pub fn global_id(self, id: i64) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}:{id}", self.name()))
    }

    /// The record type called `name`.
    pub fn from_name(name: &str) -> Option<RecordType> {
        RecordType::all().find(|record| record.name() == name)
    }

    /// Whether records of this type are named by a global id (the others are named by key or number).
    pub fn has_global_id(self) -> bool {
        matches!(
            self,
            RecordType::Content(_)
                | RecordType::Organization
                | RecordType::RegionalReview
                | RecordType::Webhook
                | RecordType::WebhookDelivery
                | RecordType::Notification
        )
    }

    /// The content kind, for content records.
    pub fn content_kind(self) -> Option<ContentKind> {
        match self {
            RecordType::Content(kind) => Some(kind),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    #[test]
    fn every_kind_has_one_row_and_unique_names() {
        for kind in ContentKind::iter() {
            assert_eq!(KINDS.iter().filter(|row| row.kind == kind).count(), 1, "{kind:?}");
            assert_eq!(names(kind).kind, kind);
            assert_eq!(KINDS.iter().filter(|row| row.key == names(kind).key).count(), 1, "{kind:?}: one key");
        }
        let mut type_names: Vec<&str> = RecordType::all().map(RecordType::name).collect();
        let mut words: Vec<&str> = RecordType::all().map(RecordType::word).collect();
        let count = type_names.len();
        type_names.sort_unstable();
        type_names.dedup();
        words.sort_unstable();
        words.dedup();
        assert_eq!((type_names.len(), words.len()), (count, count));
        assert!(RecordType::all().all(|r| RecordType::from_name(r.name()) == Some(r)));
    }

    #[test]
    fn stored_names_stay_as_they_were() {
        // Index keys are `ContentKind`'s stored values; audit words and translation prefixes are in stored rows.
        assert_eq!(names(ContentKind::GuidanceTool).key, "GUIDANCE_TOOL");
        assert_eq!(RecordType::GUIDANCE_TOOL.word(), "guidance_tool");
        assert_eq!(RecordType::GcmObjective.word(), "objective");
        assert_eq!(names(ContentKind::PeerExchange).translation_prefix, "exchange");
        assert_eq!(names(ContentKind::GuidanceTool).title(), "Guidance tool");
    }
}
