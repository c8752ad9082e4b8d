//! Text from outside (a preset's names, a link, a path, a typed expression) shown harmlessly: control
//! characters, which a terminal would obey (move the cursor, clear the screen, set its title), and
//! the invisible marks that reorder text are written as Rust escapes (`\u{1b}`, `\r`), the way
//! `{:?}` writes them. Every message the command line prints and every notice the window shows
//! passes through [`controls`].

use std::borrow::Cow;

/// Whether `c` would act on a terminal or reorder the text around it instead of being shown.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every control character escaped; borrowed when there is none.
pub fn controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`controls`], keeping line breaks: for text shown in the window, where a message of several
/// lines is laid out as such.
pub fn keeping_lines(text: &str) -> String {
    text.split('\n')
        .map(controls)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_kept_as_it_is() {
        let text = "runs[0].name: «GD, lr = 0.3» — β₁ ✱";
        assert!(matches!(controls(text), Cow::Borrowed(_)));
        assert_eq!(controls(text), text);
    }

    #[test]
    fn escapes_and_bidi_marks_are_written_out() {
        assert_eq!(
            controls("a\u{1b}]0;owned\u{7}b\rc\nd\u{202e}e\u{9b}"),
            "a\\u{1b}]0;owned\\u{7}b\\rc\\nd\\u{202e}e\\u{9b}"
        );
        assert!(!controls("\u{1b}[2J\u{7f}").chars().any(is_unsafe));
        assert_eq!(keeping_lines("a\u{1b}\nb\r"), "a\\u{1b}\nb\\r");
    }
}
