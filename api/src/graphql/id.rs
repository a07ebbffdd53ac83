//! Opaque global ids (`Node.id`): the type name and the row id, base64url-encoded.

use crate::domain::kind::RecordType;
use crate::error::{AppError, AppResult};
use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The global id of a record (of a type that has them).
pub fn encode(record: RecordType, id: i64) -> ID {
    ID(record.global_id(id))
}

/// Decodes any global id; `field` names the argument in the error.
pub fn decode(id: &str, field: &str) -> AppResult<(RecordType, i64)> {
    let invalid = || AppError::bad_input(field, format!("`{id}` is not a valid id"));
    let bytes = URL_SAFE_NO_PAD.decode(id).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (name, number) = text.split_once(':').ok_or_else(invalid)?;
    let node_type = RecordType::from_name(name).filter(|t| t.has_global_id()).ok_or_else(invalid)?;
    let number: i64 = number.parse().map_err(|_| invalid())?;
    Ok((node_type, number))
}

/// Decodes an id that must be of one type (an organization id in a filter, say).
pub fn decode_as(id: &str, expected: RecordType, field: &str) -> AppResult<i64> {
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
        let id = encode(RecordType::GUIDANCE_TOOL, 42);
        assert_eq!(decode(&id, "id")?, (RecordType::GUIDANCE_TOOL, 42));
        assert_eq!(decode_as(&id, RecordType::GUIDANCE_TOOL, "id")?, 42);
        assert!(decode_as(&id, RecordType::PRACTICE, "id").is_err());
        Ok(())
    }

    #[test]
    fn forged_ids_are_rejected() {
        for bad in ["", "!!!", "UHJhY3RpY2U", "Tm9wZToz", "UHJhY3RpY2U6eA", "VGhlbWU6MQ"] {
            assert!(decode(bad, "id").is_err(), "{bad}");
        }
    }
}
