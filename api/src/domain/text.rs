//! Values as the hub accepts them from outside. Text: no control characters but tab, line feed and carriage return
//! (PostgreSQL cannot store NUL, and nobody means to send the others), trimmed, with one kind of line end. Dates:
//! within the years a record can sensibly be about.

use std::ops::RangeInclusive;

/// The years a date given to the hub may fall in (a start date, a publication, an exchange).
pub const YEARS: RangeInclusive<i32> = 1900..=2100;

/// What an input string becomes: refused (with the character) when it holds a control character other than tab,
/// line feed and carriage return; otherwise trimmed, with CRLF and lone CR as LF (`None` when already so).
pub fn cleaned(text: &str) -> Result<Option<String>, char> {
    if let Some(bad) = control_character(text) {
        return Err(bad);
    }
    let trimmed = text.trim();
    if trimmed.len() == text.len() && !trimmed.contains('\r') {
        return Ok(None);
    }
    Ok(Some(trimmed.replace("\r\n", "\n").replace('\r', "\n")))
}

/// The first control character of a text other than tab, line feed and carriage return, if any.
pub fn control_character(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The first character an identifier (a token's subject or organization, anything recorded as who did something)
/// must not hold, if any: every control character, tab and line ends included (a subject holding a line feed could
/// forge a line of the audit trail), Unicode's line and paragraph separators, and the bidirectional formatting
/// characters (which make a text read differently from what it holds).
pub fn identifier_forbidden_character(text: &str) -> Option<char> {
    text.chars().find(|c| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
            || ('\u{202a}'..='\u{202e}').contains(c)
            || ('\u{2066}'..='\u{2069}').contains(c)
    })
}

/// A Rust field name as GraphQL spells it: `lessons_learned` is `lessonsLearned`.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_and_line_ends_normalized() {
        assert_eq!(cleaned("abc\u{0}"), Err('\u{0}'));
        assert_eq!(cleaned("a\u{1b}[31m"), Err('\u{1b}'));
        assert_eq!(cleaned("a\u{7f}"), Err('\u{7f}'));
        assert_eq!(cleaned("a\u{85}"), Err('\u{85}'));
        assert_eq!(cleaned("plain text"), Ok(None));
        assert_eq!(cleaned("tab\there\nand there"), Ok(None));
        assert_eq!(cleaned("  padded \r\n"), Ok(Some("padded".into())));
        assert_eq!(cleaned("one\r\ntwo\rthree"), Ok(Some("one\ntwo\nthree".into())));
        assert_eq!(control_character("M\u{0}X"), Some('\u{0}'));
        assert_eq!(control_character(" MEX\r\n"), None);
    }

    #[test]
    fn identifiers_refuse_every_control_and_direction_character() {
        for bad in ['\t', '\n', '\r', '\u{0}', '\u{7f}', '\u{85}', '\u{2028}', '\u{202e}', '\u{2067}', '\u{200f}'] {
            assert_eq!(identifier_forbidden_character(&format!("mallory{bad}x")), Some(bad), "{bad:?}");
        }
        assert_eq!(identifier_forbidden_character("auth0|5f7c8ec7c33c6c004bbafe82"), None);
        assert_eq!(identifier_forbidden_character("José Ñúñez 李"), None);
    }
}
