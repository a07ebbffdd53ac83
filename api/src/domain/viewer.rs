//! Who is calling, and what that lets them read.

use hub_entity::content;
use hub_entity::enums::Status;
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

/// A caller's role; the JWT claim `role` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Anonymous,
    Contributor,
    Editor,
    Admin,
}

impl Role {
    const ALL: [Role; 4] = [Role::Anonymous, Role::Contributor, Role::Editor, Role::Admin];

    /// As in the token's `role` claim and the audit trail.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Anonymous => "anonymous",
            Role::Contributor => "contributor",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// The role a token's `role` claim names (tokens never name `anonymous`).
    pub fn from_claim(claim: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| *role != Role::Anonymous && role.as_str() == claim)
    }
}

/// The caller of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub subject: Option<String>,
    pub role: Role,
    pub organization: Option<String>,
    /// The token's `email` claim, where notifications are mailed.
    pub email: Option<String>,
}

impl Viewer {
    pub fn anonymous() -> Self {
        Viewer { subject: None, role: Role::Anonymous, organization: None, email: None }
    }

    /// Editors and admins see every status and may filter by it.
    pub fn sees_all_statuses(&self) -> bool {
        self.role >= Role::Editor
    }

    /// The content rows this caller may read: published ones, their own, or all for editors.
    pub fn visible_content(&self) -> Condition {
        if self.sees_all_statuses() {
            return Condition::all();
        }
        let published = content::Column::Status.eq(Status::Published);
        match &self.subject {
            Some(subject) if self.role == Role::Contributor => {
                Condition::any().add(published).add(content::Column::OwnerSub.eq(subject.clone()))
            }
            _ => Condition::all().add(published),
        }
    }

    /// Editors, and the record's owner: who reads a practice's review (its note, checklist and rubric) and submits
    /// it.
    pub fn edits_or_owns(&self, row: &content::Model) -> bool {
        self.role >= Role::Editor || self.owns(row)
    }

    /// Whether this caller is the contributor who owns a record.
    pub fn owns(&self, row: &content::Model) -> bool {
        self.subject.is_some() && row.owner_sub == self.subject
    }

    /// Signed-in callers only.
    pub fn require_signed_in(&self) -> Result<(), crate::error::AppError> {
        if self.role == Role::Anonymous { Err(crate::error::AppError::Unauthenticated) } else { Ok(()) }
    }

    /// Callers with at least `role`: anonymous callers are asked to sign in, others are refused.
    pub fn require(&self, role: Role) -> Result<(), crate::error::AppError> {
        self.require_signed_in()?;
        if self.role < role { Err(crate::error::AppError::Forbidden) } else { Ok(()) }
    }

    /// Whether this caller may read one content row (the same rule as `visible_content`).
    pub fn can_read(&self, row: &content::Model) -> bool {
        self.sees_all_statuses()
            || row.status == Status::Published
            || (self.role == Role::Contributor && self.subject.is_some() && row.owner_sub == self.subject)
    }
}
