#pragma once

#include "rows/BrowseQuery.h"

#include <QList>
#include <QString>
#include <QVariant>

// The values of a row's ordering columns (the sort column, then the key columns or ctid; for
// views, the row's position), in libpq text form: the anchor of the next keyset page. A null
// QVariant is SQL NULL.
using RowKey = QList<QVariant>;

// One page asked of KeysetPager: where it starts, how many rows, and under which query. The
// generation and id let the model drop replies that arrive after a reset (RowWindowCache).
struct PageRequest {
    enum class From {
        Start,  // the first rows
        End,    // the last rows
        After,  // rows following anchor
        Before, // rows preceding anchor
        Seek    // rows from the first whose leading ordering column reaches seekValue
    };

    // A page's values stop at about this many bytes (BrowsePage), whatever its row limit.
    static constexpr qsizetype DefaultMaxBytes = qsizetype(64) << 20;

    From from = From::Start;
    RowKey anchor;
    QString seekValue;
    int limit = 200;
    qsizetype maxBytes = DefaultMaxBytes;
    BrowseQuery query;
    quint64 generation = 0;
    quint64 id = 0;

    // Read in reverse order (then flipped back): End and Before.
    bool backward() const { return from == From::End || from == From::Before; }
};
