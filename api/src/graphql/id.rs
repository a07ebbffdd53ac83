//! Opaque global ids (`Node.id`): the type name and the row id, base64url-encoded.

use crate::error::{AppError, AppResult};
use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The types that have global ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeType {
    Practice,
    GuidanceTool,
    PeerExchange,
    Organization,
    RegionalReview,
    ReviewSubmission,
}

impl NodeType {
    const ALL: [NodeType; 6] = [
        NodeType::Practice,
        NodeType::GuidanceTool,
        NodeType::PeerExchange,
        NodeType::Organization,
        NodeType::RegionalReview,
        NodeType::ReviewSubmission,
    ];

    fn name(self) -> &'static str {
        match self {
            NodeType::Practice => "Practice",
            NodeType::GuidanceTool => "GuidanceTool",
            NodeType::PeerExchange => "PeerExchange",
            NodeType::Organization => "Organization",
            NodeType::RegionalReview => "RegionalReview",
            NodeType::ReviewSubmission => "ReviewSubmission",
        }
    }
}

pub fn encode(node_type: NodeType, id: i64) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", node_type.name())))
}

/// Decodes any global id; `field` names the argument in the error.
pub fn decode(id: &str, field: &str) -> AppResult<(NodeType, i64)> {
    let invalid = || AppError::bad_input(field, format!("`{id}` is not a valid id"));
    let bytes = URL_SAFE_NO_PAD.decode(id).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (name, number) = text.split_once(':').ok_or_else(invalid)?;
    let node_type = NodeType::ALL.into_iter().find(|t| t.name() == name).ok_or_else(invalid)?;
    let number: i64 = number.parse().map_err(|_| invalid())?;
    Ok((node_type, number))
}

/// Decodes an id that must be of one type (an organization id in a filter, say).
pub fn decode_as(id: &str, expected: NodeType, field: &str) -> AppResult<i64> {
    match decode(id, field)? {
        (node_type, number) if node_type == expected => Ok(number),
        _ => Err(AppError::bad_input(field, format!("`{id}` is not an id of a {}", expected.name()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() -> AppResult<()> {
        let id = encode(NodeType::GuidanceTool, 42);
        assert_eq!(decode(&id, "id")?, (NodeType::GuidanceTool, 42));
        assert_eq!(decode_as(&id, NodeType::GuidanceTool, "id")?, 42);
        assert!(decode_as(&id, NodeType::Practice, "id").is_err());
        Ok(())
    }

    #[test]
    fn forged_ids_are_rejected() {
        for bad in ["", "!!!", "UHJhY3RpY2U", "Tm9wZToz", "UHJhY3RpY2U6eA"] {
            assert!(decode(bad, "id").is_err(), "{bad}");
        }
    }
}
