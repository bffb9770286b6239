#pragma once

#include "provision/BatchRow.h"

#include <QByteArray>
#include <QList>

// Reads a batch of tenants from CSV (RFC 4180: commas, fields in double quotes with "" for a
// quote), UTF-8, with the header line
//
//   slug,name,model,shard,template,version,domains
//
// model: schema, database or shared (empty: schema); shard: a name, empty or "auto" for
// automatic placement; version: a number, empty for the latest; domains: separated by ';' or
// spaces. A line that cannot be read becomes a row with inputError set, so that the others
// still go ahead; a slug listed twice fails on its second line.
class BatchCsv {
public:
    static constexpr int MaxRows = 100000;

    // Throws InputError when the file as a whole is not such a CSV (no or wrong header, not
    // UTF-8, too many lines).
    static QList<BatchRow> parse(const QByteArray& csv);
    // The fields of one CSV record starting at pos, which it moves past the record's end.
    static QStringList record(const QString& text, qsizetype& pos);
};
