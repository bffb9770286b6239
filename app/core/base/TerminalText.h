#pragma once

#include <QString>

// Text from servers and tenants (cells, names, error messages) on its way to a terminal, as
// visible escapes wherever it could drive the terminal or hide what it says: control characters
// (C0 such as ESC, DEL, C1 such as CSI) as \x1b, and the invisible marks that reorder text
// (bidirectional embeddings, overrides and isolates, LRM/RLM/ALM) and line or paragraph
// separators as \u202e. Everything else, any script or emoji, is shown as it is.
class TerminalText {
public:
    static QString escaped(const QString& text);
    // The same, keeping line feeds as line breaks (multi-line messages).
    static QString escapedLines(const QString& text);
};
