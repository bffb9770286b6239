#pragma once

#include <QString>

// The checks every piece of user-entered text passes before it is sent to a server or stored:
// no control or invisible characters, and no trace of invalid UTF-8 (bytes that did not decode
// arrive as U+FFFD, or as lone surrogates from a broken UTF-16 source).
class CatalogInput {
public:
    // Empty when text is acceptable, else what is wrong with it, phrased to follow "The <field> ",
    // e.g. "contains a control character (U+0007) at position 4".
    static QString problem(const QString& text);
};
