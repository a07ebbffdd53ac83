//! The authorization matrix over HTTP: every caller (anonymous, the contributor who owns a record, another
//! contributor, an editor, an admin) against every mutation, and every caller reading another contributor's draft
//! through lists, `node`, `nodes` and slug lookups (in `visibility`). An allowed mutation records exactly one audit event; a refused
//! one changes nothing, not even the audit trail. The fields of a practice's review (its checklist, its latest review,
//! the editors' summary) are read by whom the rules say, on a practice sent back and once published.

use hub_entity::audit_event;
use hub_tests::TestApp;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Caller {
    Anonymous,
    /// `alice`, the contributor who owns the practice fixtures.
    Owner,
    /// `bob`, another contributor.
    Other,
    Editor,
    Admin,
}

pub(crate) const CALLERS: [Caller; 5] =
    [Caller::Anonymous, Caller::Owner, Caller::Other, Caller::Editor, Caller::Admin];

/// Who may run a mutation.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Any signed-in caller.
    SignedIn,
    /// The owning contributor, editors and admins; to other contributors the draft does not exist.
    OwnerOrEditor,
    Editor,
    Admin,
    /// Published records that only admins take down: editors are told to archive instead.
    TakeDown,
}

fn expected(caller: Caller, rule: Rule) -> Option<&'static str> {
    match (caller, rule) {
        (Caller::Anonymous, _) => Some("UNAUTHENTICATED"),
        (_, Rule::SignedIn) | (Caller::Admin, _) => None,
        (Caller::Owner, Rule::OwnerOrEditor) | (Caller::Editor, Rule::OwnerOrEditor | Rule::Editor) => None,
        (Caller::Editor, Rule::TakeDown) => Some("INVALID_TRANSITION"),
        (Caller::Other, Rule::OwnerOrEditor) => Some("NOT_FOUND"),
        _ => Some("FORBIDDEN"),
    }
}

/// What a mutation needs to exist before it runs.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Fixture {
    Nothing,
    OwnDraft,
    OwnSubmitted,
    Published,
    ToolDraft,
    ToolPublished,
    ExchangeDraft,
    ExchangePublished,
    CallDraft,
    CallPublished,
    CollectionDraft,
    CollectionPublished,
    Organization,
    Theme,
    Review,
    Submission,
    Objective,
    Principle,
    Region,
    Webhook,
    Delivery,
}

struct Case {
    mutation: &'static str,
    rule: Rule,
    fixture: Fixture,
    query: &'static str,
}

/// Mutations that change only the caller's own state (not the hub's): allowed, they record no audit event.
const PERSONAL: [&str; 2] = ["markNotificationsRead", "setReviewSubscriptions"];

const CASES: &[Case] = &[
    Case {
        mutation: "markNotificationsRead",
        rule: Rule::SignedIn,
        fixture: Fixture::Nothing,
        query: "mutation { markNotificationsRead { marked } }",
    },
    Case {
        mutation: "createPractice",
        rule: Rule::SignedIn,
        fixture: Fixture::Nothing,
        query: "mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id } } }",
    },
    Case {
        mutation: "updatePractice",
        rule: Rule::OwnerOrEditor,
        fixture: Fixture::OwnDraft,
        query: r#"mutation($id: ID!, $v: Int!) { updatePractice(id: $id, version: $v, input: { title: "A clearer title" }) { practice { id } } }"#,
    },
    Case {
        mutation: "submitPractice",
        rule: Rule::OwnerOrEditor,
        fixture: Fixture::OwnDraft,
        query: "mutation($id: ID!) { submitPractice(id: $id) { practice { id } } }",
    },
    Case {
        mutation: "deletePractice",
        rule: Rule::OwnerOrEditor,
        fixture: Fixture::OwnDraft,
        query: "mutation($id: ID!) { deletePractice(id: $id) { deletedId } }",
    },
    Case {
        mutation: "requestPracticeChanges",
        rule: Rule::Editor,
        fixture: Fixture::OwnSubmitted,
        query: r#"mutation($id: ID!) { requestPracticeChanges(id: $id, note: "Please name the partners.") { practice { id } } }"#,
    },
    Case {
        mutation: "publishPractice",
        rule: Rule::Editor,
        fixture: Fixture::OwnSubmitted,
        query: "mutation($id: ID!) { publishPractice(id: $id) { practice { id } } }",
    },
    Case {
        mutation: "archivePractice",
        rule: Rule::Editor,
        fixture: Fixture::Published,
        query: "mutation($id: ID!) { archivePractice(id: $id) { practice { id } } }",
    },
    Case {
        mutation: "createGuidanceTool",
        rule: Rule::Editor,
        fixture: Fixture::Nothing,
        query: r#"mutation { createGuidanceTool(input: { title: "Guidance on access to services", summary: "How local authorities open services to all migrants.", toolKind: GUIDANCE_NOTE, links: [{ language: "en", url: "https://example.org/guidance.pdf" }] }) { guidanceTool { id } } }"#,
    },
    Case {
        mutation: "updateGuidanceTool",
        rule: Rule::Editor,
        fixture: Fixture::ToolDraft,
        query: r#"mutation($id: ID!, $v: Int!) { updateGuidanceTool(id: $id, version: $v, input: { targetAudience: "Municipalities" }) { guidanceTool { id } } }"#,
    },
    Case {
        mutation: "publishGuidanceTool",
        rule: Rule::Editor,
        fixture: Fixture::ToolDraft,
        query: "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }",
    },
    Case {
        mutation: "archiveGuidanceTool",
        rule: Rule::Editor,
        fixture: Fixture::ToolPublished,
        query: "mutation($id: ID!) { archiveGuidanceTool(id: $id) { guidanceTool { id } } }",
    },
    Case {
        mutation: "deleteGuidanceTool",
        rule: Rule::Editor,
        fixture: Fixture::ToolDraft,
        query: "mutation($id: ID!) { deleteGuidanceTool(id: $id) { deletedId } }",
    },
    Case {
        mutation: "createPeerExchange",
        rule: Rule::Editor,
        fixture: Fixture::Nothing,
        query: r#"mutation { createPeerExchange(input: { title: "Peer exchange on firewalls", summary: "Cities compare firewalls between services and immigration enforcement.", format: VIRTUAL, startsAt: "2022-03-01T14:00:00Z" }) { peerExchange { id } } }"#,
    },
    Case {
        mutation: "updatePeerExchange",
        rule: Rule::Editor,
        fixture: Fixture::ExchangeDraft,
        query: r#"mutation($id: ID!, $v: Int!) { updatePeerExchange(id: $id, version: $v, input: { chathamHouse: true }) { peerExchange { id } } }"#,
    },
    Case {
        mutation: "publishPeerExchange",
        rule: Rule::Editor,
        fixture: Fixture::ExchangeDraft,
        query: "mutation($id: ID!) { publishPeerExchange(id: $id) { peerExchange { id } } }",
    },
    Case {
        mutation: "archivePeerExchange",
        rule: Rule::Editor,
        fixture: Fixture::ExchangePublished,
        query: "mutation($id: ID!) { archivePeerExchange(id: $id) { peerExchange { id } } }",
    },
    Case {
        mutation: "deletePeerExchange",
        rule: Rule::Editor,
        fixture: Fixture::ExchangeDraft,
        query: "mutation($id: ID!) { deletePeerExchange(id: $id) { deletedId } }",
    },
    Case {
        mutation: "createCallForPractices",
        rule: Rule::Editor,
        fixture: Fixture::Nothing,
        query: r#"mutation { createCallForPractices(input: { title: "Call for Practices: Firewalls", summary: "Practices that keep services apart from immigration enforcement.", description: "Cities and states share how they keep services apart from enforcement.", opensOn: "2026-01-01", deadline: "2026-12-31" }) { callForPractices { id } } }"#,
    },
    Case {
        mutation: "updateCallForPractices",
        rule: Rule::Editor,
        fixture: Fixture::CallDraft,
        query: r#"mutation($id: ID!, $v: Int!) { updateCallForPractices(id: $id, version: $v, input: { contact: "hub@example.org" }) { callForPractices { id } } }"#,
    },
    Case {
        mutation: "publishCallForPractices",
        rule: Rule::Editor,
        fixture: Fixture::CallDraft,
        query: "mutation($id: ID!) { publishCallForPractices(id: $id) { callForPractices { id } } }",
    },
    Case {
        mutation: "closeCallForPractices",
        rule: Rule::Editor,
        fixture: Fixture::CallPublished,
        query: "mutation($id: ID!) { closeCallForPractices(id: $id) { callForPractices { id } } }",
    },
    Case {
        mutation: "archiveCallForPractices",
        rule: Rule::Editor,
        fixture: Fixture::CallPublished,
        query: "mutation($id: ID!) { archiveCallForPractices(id: $id) { callForPractices { id } } }",
    },
    Case {
        mutation: "deleteCallForPractices",
        rule: Rule::Editor,
        fixture: Fixture::CallDraft,
        query: "mutation($id: ID!) { deleteCallForPractices(id: $id) { deletedId } }",
    },
    Case {
        mutation: "createCollection",
        rule: Rule::Editor,
        fixture: Fixture::Nothing,
        query: r#"mutation { createCollection(input: { title: "Global Practices", summary: "A selection chosen by the editors.", description: "Practices chosen for each objective." }) { collection { id } } }"#,
    },
    Case {
        mutation: "updateCollection",
        rule: Rule::Editor,
        fixture: Fixture::CollectionDraft,
        query: r#"mutation($id: ID!, $v: Int!) { updateCollection(id: $id, version: $v, input: { featured: true }) { collection { id } } }"#,
    },
    Case {
        mutation: "setCollectionItems",
        rule: Rule::Editor,
        fixture: Fixture::CollectionDraft,
        query: "mutation($id: ID!, $v: Int!) { setCollectionItems(id: $id, version: $v, items: []) { collection { id } } }",
    },
    Case {
        mutation: "publishCollection",
        rule: Rule::Editor,
        fixture: Fixture::CollectionDraft,
        query: "mutation($id: ID!) { publishCollection(id: $id) { collection { id } } }",
    },
    Case {
        mutation: "archiveCollection",
        rule: Rule::Editor,
        fixture: Fixture::CollectionPublished,
        query: "mutation($id: ID!) { archiveCollection(id: $id) { collection { id } } }",
    },
    Case {
        mutation: "deleteCollection",
        rule: Rule::Editor,
        fixture: Fixture::CollectionDraft,
        query: "mutation($id: ID!) { deleteCollection(id: $id) { deletedId } }",
    },
    Case {
        mutation: "setReviewSubscriptions",
        rule: Rule::Editor,
        fixture: Fixture::Nothing,
        query: r#"mutation { setReviewSubscriptions(objectives: [15], regions: ["africa"]) { objectives regions } }"#,
    },
    Case {
        mutation: "createOrganization",
        rule: Rule::Editor,
        fixture: Fixture::Nothing,
        query: r#"mutation { createOrganization(input: { name: "Ministry of Labour", kind: GOVERNMENT, country: "prt" }) { organization { id } } }"#,
    },
    Case {
        mutation: "updateOrganization",
        rule: Rule::Editor,
        fixture: Fixture::Organization,
        query: r#"mutation($id: ID!, $v: Int!) { updateOrganization(id: $id, version: $v, input: { acronym: "MoL" }) { organization { id } } }"#,
    },
    Case {
        mutation: "deleteOrganization",
        rule: Rule::Editor,
        fixture: Fixture::Organization,
        query: "mutation($id: ID!) { deleteOrganization(id: $id) { deletedId } }",
    },
    Case {
        mutation: "createTheme",
        rule: Rule::Editor,
        fixture: Fixture::Nothing,
        query: r#"mutation { createTheme(input: { key: "social-cohesion", name: "Social cohesion" }) { theme { key } } }"#,
    },
    Case {
        mutation: "updateTheme",
        rule: Rule::Editor,
        fixture: Fixture::Theme,
        query: r#"mutation($key: String!, $v: Int!) { updateTheme(key: $key, version: $v, input: { name: "Renamed theme" }) { theme { key } } }"#,
    },
    Case {
        mutation: "setThemeName",
        rule: Rule::Editor,
        fixture: Fixture::Theme,
        query: r#"mutation($key: String!, $v: Int!) { setThemeName(key: $key, version: $v, language: FR, name: "Thème renommé") { theme { key } } }"#,
    },
    Case {
        mutation: "deleteTheme",
        rule: Rule::Editor,
        fixture: Fixture::Theme,
        query: "mutation($key: String!) { deleteTheme(key: $key) { deletedKey } }",
    },
    Case {
        mutation: "createRegionalReview",
        rule: Rule::Editor,
        fixture: Fixture::Nothing,
        query: r#"mutation { createRegionalReview(input: { key: "unece-2", region: "unece", title: "Second UNECE review", commission: "UNECE", firstReview: "2024-11" }) { regionalReview { id } } }"#,
    },
    Case {
        mutation: "updateRegionalReview",
        rule: Rule::Editor,
        fixture: Fixture::Review,
        query: r#"mutation($id: ID!, $v: Int!) { updateRegionalReview(id: $id, version: $v, input: { firstReview: "2025" }) { regionalReview { id } } }"#,
    },
    Case {
        mutation: "deleteRegionalReview",
        rule: Rule::Editor,
        fixture: Fixture::Review,
        query: "mutation($id: ID!) { deleteRegionalReview(id: $id) { deletedId } }",
    },
    Case {
        mutation: "createReviewSubmission",
        rule: Rule::Editor,
        fixture: Fixture::Review,
        query: r#"mutation($id: ID!) { createReviewSubmission(input: { title: "Portugal: input to the review", review: $id, submitterCountry: "PRT", submittedOn: "2024-01-10", summary: "Portugal's voluntary national review." }) { reviewSubmission { id } } }"#,
    },
    Case {
        mutation: "updateReviewSubmission",
        rule: Rule::Editor,
        fixture: Fixture::Submission,
        query: r#"mutation($id: ID!, $v: Int!) { updateReviewSubmission(id: $id, version: $v, input: { documentUrl: "https://example.org/vnr.pdf" }) { reviewSubmission { id } } }"#,
    },
    Case {
        mutation: "archiveReviewSubmission",
        rule: Rule::Editor,
        fixture: Fixture::Submission,
        query: "mutation($id: ID!) { archiveReviewSubmission(id: $id) { reviewSubmission { id } } }",
    },
    Case {
        mutation: "deleteReviewSubmission",
        rule: Rule::TakeDown,
        fixture: Fixture::Submission,
        query: "mutation($id: ID!) { deleteReviewSubmission(id: $id) { deletedId } }",
    },
    Case {
        mutation: "updateObjective",
        rule: Rule::Admin,
        fixture: Fixture::Objective,
        query: r#"mutation($key: Int!, $v: Int!) { updateObjective(number: $key, version: $v, input: { shortLabel: "Data" }) { objective { number } } }"#,
    },
    Case {
        mutation: "updateGuidingPrinciple",
        rule: Rule::Admin,
        fixture: Fixture::Principle,
        query: r#"mutation($key: String!, $v: Int!) { updateGuidingPrinciple(key: $key, version: $v, input: { name: "People-centred" }) { guidingPrinciple { key } } }"#,
    },
    Case {
        mutation: "updateRegion",
        rule: Rule::Admin,
        fixture: Fixture::Region,
        query: r#"mutation($key: String!, $v: Int!) { updateRegion(key: $key, version: $v, input: { name: "Europe and North America" }) { region { key } } }"#,
    },
    Case {
        mutation: "setCountryChampion",
        rule: Rule::Admin,
        fixture: Fixture::Nothing,
        query: r#"mutation { setCountryChampion(iso3: "KEN", isChampion: true, since: "2024-05-01") { country { iso3 } } }"#,
    },
    Case {
        mutation: "createWebhook",
        rule: Rule::Admin,
        fixture: Fixture::Nothing,
        query: r#"mutation { createWebhook(input: { url: "https://partner.example.org/hook" }) { secret } }"#,
    },
    Case {
        mutation: "updateWebhook",
        rule: Rule::Admin,
        fixture: Fixture::Webhook,
        query: r#"mutation($id: ID!) { updateWebhook(id: $id, input: { enabled: false }) { webhook { id } } }"#,
    },
    Case {
        mutation: "rotateWebhookSecret",
        rule: Rule::Admin,
        fixture: Fixture::Webhook,
        query: r#"mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }"#,
    },
    Case {
        mutation: "deleteWebhook",
        rule: Rule::Admin,
        fixture: Fixture::Webhook,
        query: r#"mutation($id: ID!) { deleteWebhook(id: $id) { deletedId } }"#,
    },
    Case {
        mutation: "redeliverWebhook",
        rule: Rule::Admin,
        fixture: Fixture::Delivery,
        query: r#"mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { delivery { status } } }"#,
    },
];

fn practice_input(title: &str) -> Value {
    hub_tests::ready_to_submit(json!({
        "title": title,
        "summary": "A municipal one-stop centre for newly arrived migrants.",
        "description": "Migrants register once and reach health, schooling and employment services in one place.",
        "objectives": [15],
        "countries": ["PRT"],
    }))
}

static SERIAL: AtomicUsize = AtomicUsize::new(0);

fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", SERIAL.fetch_add(1, Ordering::Relaxed))
}

pub(crate) struct World {
    pub(crate) app: TestApp,
    pub(crate) alice: String,
    bob: String,
    editor: String,
    admin: String,
}

impl World {
    pub(crate) async fn new() -> World {
        let app = TestApp::new().await.unwrap();
        let alice = app.token("alice", "contributor");
        let bob = app.token("bob", "contributor");
        let editor = app.token("eve", "editor");
        let admin = app.token("ada", "admin");
        World { app, alice, bob, editor, admin }
    }

    pub(crate) fn token(&self, caller: Caller) -> Option<&str> {
        match caller {
            Caller::Anonymous => None,
            Caller::Owner => Some(&self.alice),
            Caller::Other => Some(&self.bob),
            Caller::Editor => Some(&self.editor),
            Caller::Admin => Some(&self.admin),
        }
    }

    async fn practice(&self, status: &str) -> Value {
        let create = "mutation($input: CreatePracticeInput!) { createPractice(input: $input) { practice { id } } }";
        let data = self
            .app
            .ok_as(&self.alice, create, json!({ "input": practice_input(&unique("Newcomer centre in Lisbon")) }))
            .await;
        let id = data["createPractice"]["practice"]["id"].clone();
        if status != "DRAFT" {
            self.app
                .ok_as(
                    &self.alice,
                    "mutation($id: ID!) { submitPractice(id: $id) { practice { id } } }",
                    json!({ "id": id }),
                )
                .await;
        }
        if status == "PUBLISHED" {
            let publish = "mutation($id: ID!) { publishPractice(id: $id) { practice { id } } }";
            self.app.ok_as(&self.editor, publish, json!({ "id": id })).await;
        }
        json!({ "id": id, "v": 1 })
    }

    async fn content(&self, create: &str, field: &str, publish: Option<&str>) -> Value {
        let data = self.app.ok_as(&self.editor, create, json!({ "title": unique("Editorial record") })).await;
        let id = data[field][field_payload(field)]["id"].clone();
        if let Some(publish) = publish {
            self.app.ok_as(&self.editor, publish, json!({ "id": id })).await;
        }
        json!({ "id": id, "v": 1 })
    }

    pub(crate) async fn prepare(&self, fixture: Fixture) -> Value {
        const TOOL: &str = r#"mutation($title: String!) { createGuidanceTool(input: { title: $title, summary: "A toolkit for labour inspectors.", toolKind: TOOLKIT }) { guidanceTool { id } } }"#;
        const EXCHANGE: &str = r#"mutation($title: String!) { createPeerExchange(input: { title: $title, summary: "Cities compare notes on regularization.", format: HYBRID, startsAt: "2023-05-01T09:00:00Z" }) { peerExchange { id } } }"#;
        const CALL: &str = r#"mutation($title: String!) { createCallForPractices(input: { title: $title, summary: "Practices on data for evidence-based policies.", description: "Programmes that facilitate GCM implementation through data.", opensOn: "2026-01-01", deadline: "2030-12-31" }) { callForPractices { id } } }"#;
        const COLLECTION: &str = r#"mutation($title: String!) { createCollection(input: { title: $title, summary: "A selection chosen by the editors.", description: "Practices chosen for each objective." }) { collection { id } } }"#;
        match fixture {
            Fixture::Nothing => json!({ "input": practice_input(&unique("Newcomer centre in Lisbon")) }),
            Fixture::OwnDraft => self.practice("DRAFT").await,
            Fixture::OwnSubmitted => self.practice("SUBMITTED").await,
            Fixture::Published => self.practice("PUBLISHED").await,
            Fixture::ToolDraft => self.content(TOOL, "createGuidanceTool", None).await,
            Fixture::ToolPublished => {
                let publish = "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }";
                self.content(TOOL, "createGuidanceTool", Some(publish)).await
            }
            Fixture::ExchangeDraft => self.content(EXCHANGE, "createPeerExchange", None).await,
            Fixture::ExchangePublished => {
                let publish = "mutation($id: ID!) { publishPeerExchange(id: $id) { peerExchange { id } } }";
                self.content(EXCHANGE, "createPeerExchange", Some(publish)).await
            }
            Fixture::CallDraft => self.content(CALL, "createCallForPractices", None).await,
            Fixture::CallPublished => {
                let publish = "mutation($id: ID!) { publishCallForPractices(id: $id) { callForPractices { id } } }";
                self.content(CALL, "createCallForPractices", Some(publish)).await
            }
            Fixture::CollectionDraft => self.content(COLLECTION, "createCollection", None).await,
            Fixture::CollectionPublished => {
                let publish = "mutation($id: ID!) { publishCollection(id: $id) { collection { id } } }";
                self.content(COLLECTION, "createCollection", Some(publish)).await
            }
            Fixture::Organization => {
                let create = r#"mutation($name: String!) { createOrganization(input: { name: $name, kind: CIVIL_SOCIETY }) { organization { id version } } }"#;
                let data = self.app.ok_as(&self.editor, create, json!({ "name": unique("Migrant association") })).await;
                let organization = &data["createOrganization"]["organization"];
                json!({ "id": organization["id"], "v": organization["version"] })
            }
            Fixture::Theme => {
                let key = unique("theme");
                let create = r#"mutation($key: String!) { createTheme(input: { key: $key, name: "A theme to edit" }) { theme { key version } } }"#;
                let data = self.app.ok_as(&self.editor, create, json!({ "key": key })).await;
                json!({ "key": key, "v": data["createTheme"]["theme"]["version"] })
            }
            Fixture::Review => {
                let key = unique("review");
                let create = r#"mutation($key: String!) { createRegionalReview(input: { key: $key, region: "arab", title: "An extra review", commission: "ESCWA", firstReview: "2021" }) { regionalReview { id version } } }"#;
                let data = self.app.ok_as(&self.editor, create, json!({ "key": key })).await;
                let review = &data["createRegionalReview"]["regionalReview"];
                json!({ "id": review["id"], "v": review["version"] })
            }
            Fixture::Submission => {
                let review = Box::pin(self.prepare(Fixture::Review)).await;
                let create = r#"mutation($id: ID!) { createReviewSubmission(input: { title: "Jordan: input to the review", review: $id, submitterCountry: "JOR", submittedOn: "2021-03-01", summary: "Jordan's voluntary review." }) { reviewSubmission { id version } } }"#;
                let data = self.app.ok_as(&self.editor, create, json!({ "id": review["id"] })).await;
                let submission = &data["createReviewSubmission"]["reviewSubmission"];
                json!({ "id": submission["id"], "v": submission["version"] })
            }
            Fixture::Objective => {
                let data = self.app.ok_as(&self.admin, "{ objectives { number version } }", json!({})).await;
                json!({ "key": 17, "v": data["objectives"][16]["version"] })
            }
            Fixture::Principle => {
                let data = self.app.ok_as(&self.admin, "{ guidingPrinciples { key version } }", json!({})).await;
                json!({ "key": data["guidingPrinciples"][0]["key"], "v": data["guidingPrinciples"][0]["version"] })
            }
            Fixture::Region => {
                let data = self.app.ok_as(&self.admin, "{ regions { key version } }", json!({})).await;
                json!({ "key": data["regions"][0]["key"], "v": data["regions"][0]["version"] })
            }
            Fixture::Webhook => {
                let create = r#"mutation { createWebhook(input: { url: "https://partner.example.org/hook" }) { webhook { id } } }"#;
                json!({ "id": self.app.ok_as(&self.admin, create, json!({})).await["createWebhook"]["webhook"]["id"] })
            }
            Fixture::Delivery => {
                let create = r#"mutation { createWebhook(input: { url: "https://partner.example.org/hook" }) { webhook { id } } }"#;
                self.app.ok_as(&self.admin, create, json!({})).await;
                let tool = r#"mutation($title: String!) { createGuidanceTool(input: { title: $title, summary: "A toolkit to deliver.", toolKind: TOOLKIT }) { guidanceTool { id } } }"#;
                let id = self.app.ok_as(&self.editor, tool, json!({ "title": unique("Toolkit") })).await["createGuidanceTool"]
                    ["guidanceTool"]["id"]
                    .clone();
                self.app
                    .ok_as(
                        &self.editor,
                        "mutation($id: ID!) { publishGuidanceTool(id: $id) { guidanceTool { id } } }",
                        json!({ "id": id }),
                    )
                    .await;
                hub::service::webhooks::queue(self.app.db()).await.unwrap();
                let log = self
                    .app
                    .ok_as(
                        &self.admin,
                        "{ webhooks(first: 100) { nodes { deliveries(first: 1) { nodes { id } } } } }",
                        json!({}),
                    )
                    .await;
                let delivery = log["webhooks"]["nodes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find_map(|w| w["deliveries"]["nodes"][0]["id"].as_str().map(str::to_string));
                json!({ "id": delivery.unwrap() })
            }
        }
    }

    async fn audit_events(&self) -> u64 {
        audit_event::Entity::find().count(self.app.db()).await.unwrap()
    }
}

fn field_payload(mutation: &str) -> &'static str {
    match mutation {
        "createGuidanceTool" => "guidanceTool",
        "createPeerExchange" => "peerExchange",
        "createCallForPractices" => "callForPractices",
        "createCollection" => "collection",
        _ => unreachable!("{mutation}"),
    }
}

async fn run_matrix(caller: Caller) {
    let world = World::new().await;
    for case in CASES {
        let variables = world.prepare(case.fixture).await;
        let before = world.audit_events().await;
        let body = world.app.graphql_as(world.token(caller), case.query, variables).await;
        let after = world.audit_events().await;
        let got = body["errors"][0]["extensions"]["code"].as_str();
        let want = expected(caller, case.rule);
        assert_eq!(got, want, "{caller:?} running {}: {body}", case.mutation);
        match want {
            None => {
                assert!(body["data"][case.mutation].is_object(), "{caller:?} {}: {body}", case.mutation);
                let audited = u64::from(!PERSONAL.contains(&case.mutation));
                assert_eq!(after, before + audited, "{caller:?} {}: one audit event (none if personal)", case.mutation);
            }
            Some(_) => {
                assert_eq!(body["data"], Value::Null, "{caller:?} {}: no data", case.mutation);
                assert_eq!(after, before, "{caller:?} {}: a refused mutation records nothing", case.mutation);
            }
        }
    }
}

#[actix_web::test]
async fn anonymous_callers_run_no_mutation() {
    run_matrix(Caller::Anonymous).await;
}

#[actix_web::test]
async fn contributors_write_their_own_practices_only() {
    run_matrix(Caller::Owner).await;
}

#[actix_web::test]
async fn other_contributors_cannot_find_a_draft_to_change() {
    run_matrix(Caller::Other).await;
}

#[actix_web::test]
async fn editors_run_every_mutation_but_the_admin_ones() {
    run_matrix(Caller::Editor).await;
}

#[actix_web::test]
async fn admins_run_every_mutation() {
    run_matrix(Caller::Admin).await;
}

#[test]
fn the_matrix_covers_every_mutation_of_the_schema() {
    let sdl = hub::graphql::sdl();
    let start = sdl.find("type Mutation {").unwrap();
    let body = &sdl[start..start + sdl[start..].find("\n}").unwrap()];
    let mut in_schema: Vec<&str> = body
        .lines()
        .skip(1)
        .filter_map(|line| line.strip_prefix('\t'))
        .filter(|line| line.contains("): "))
        .filter_map(|line| line.split('(').next())
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    in_schema.sort_unstable();
    let mut covered: Vec<&str> = CASES.iter().map(|c| c.mutation).collect();
    covered.sort_unstable();
    assert_eq!(covered, in_schema);
}

/// The fields of a practice that only some callers read, with who reads them (everyone else reads null).
const RESTRICTED_FIELDS: [(&str, &[Caller]); 3] = [
    ("submissionChecklist { code }", &[Caller::Owner, Caller::Editor, Caller::Admin]),
    ("latestReview { decision rubric { criterion } }", &[Caller::Owner, Caller::Editor, Caller::Admin]),
    ("reviewRubricSummary { reviews }", &[Caller::Editor, Caller::Admin]),
];

#[actix_web::test]
async fn fields_of_the_review_are_read_by_whom_the_rules_say() {
    let world = World::new().await;
    let id = world.practice("SUBMITTED").await["id"].clone();
    let rubric: Vec<Value> = [
        "RELEVANCE",
        "PRINCIPLES",
        "TIMELINESS",
        "COMPLETION",
        "INNOVATION",
        "REPLICABILITY",
        "EVIDENCE",
    ]
    .iter()
    .map(|criterion| json!({ "criterion": criterion, "assessment": "PARTLY", "comment": "More detail, please." }))
    .collect();
    let send_back = r#"mutation($id: ID!, $rubric: [RubricAssessmentInput!]) {
        requestPracticeChanges(id: $id, note: "More detail.", rubric: $rubric) { practice { id } } }"#;
    world.app.ok_as(&world.editor, send_back, json!({ "id": id, "rubric": rubric })).await;

    for published in [false, true] {
        if published {
            let submit = "mutation($id: ID!) { submitPractice(id: $id) { practice { id } } }";
            world.app.ok_as(&world.alice, submit, json!({ "id": id })).await;
            let publish = "mutation($id: ID!) { publishPractice(id: $id) { practice { id } } }";
            world.app.ok_as(&world.editor, publish, json!({ "id": id })).await;
        }
        for caller in CALLERS {
            for (field, readers) in RESTRICTED_FIELDS {
                let query = format!("query($id: ID) {{ practice(id: $id) {{ {field} }} }}");
                let body = world.app.graphql_as(world.token(caller), &query, json!({ "id": id })).await;
                assert!(body.get("errors").is_none(), "{caller:?} {field}: {body}");
                let practice = &body["data"]["practice"];
                let name = field.split(' ').next().unwrap();
                match (published, readers.contains(&caller)) {
                    // Sent back, the practice exists only for its owner and editors.
                    (false, _) if matches!(caller, Caller::Anonymous | Caller::Other) => {
                        assert_eq!(practice, &Value::Null, "{caller:?}: a practice sent back is not theirs to see");
                    }
                    (_, true) => assert!(!practice[name].is_null(), "{caller:?} reads {name} (published: {published})"),
                    (_, false) => {
                        assert!(practice[name].is_null(), "{caller:?} reads no {name} (published: {published})")
                    }
                }
            }
        }
    }
}
