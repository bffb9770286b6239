#pragma once

#include "rows/BrowsePage.h"
#include "rows/BrowseTable.h"

#include <QIODevice>

// Writes browsed rows to a device as they arrive, page by page, so an export of millions of
// rows never holds more than one page. CSV: RFC 4180, a header line, NULL as an empty field and
// the empty string as "". JSON: an array of objects; numbers, booleans and json columns keep
// their JSON types, everything else is a string, NULL is null.
class RowExportWriter {
public:
    enum class Format { Csv, Json };

    RowExportWriter(QIODevice* device, Format format, const BrowseTable& table);

    void begin();
    void write(const BrowsePage& page);
    void end();

    static Format formatForPath(const QString& path);

private:
    void writeCsvRow(const BrowsePage& page, int row);
    void writeJsonRow(const BrowsePage& page, int row);
    void put(QByteArrayView bytes);

    QIODevice* m_device;
    Format m_format;
    const BrowseTable& m_table;
    QList<QByteArray> m_jsonNames; // "name": for each column, escaped once
    QByteArray m_buffer;
    bool m_firstRow = true;
};
