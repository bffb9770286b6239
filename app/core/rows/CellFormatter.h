#pragma once

#include "rows/BrowseColumn.h"

#include <QByteArrayView>
#include <QString>

// The full text of one cell for the cell viewer: JSON re-indented (keys in their stored order,
// which a JSON parser would sort), bytea as a hex dump with offsets, anything else as it is.
class CellFormatter {
public:
    static QString format(const BrowseColumn& column, const QString& text);
    static QString prettyJson(QStringView json);
    // From PostgreSQL's hex output ("\x0aff..."): "00000000  0a ff ...  |..|" lines.
    static QString hexDump(QStringView byteaText);
};
