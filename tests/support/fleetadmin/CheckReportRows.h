#pragma once

#include "fleetadmin/ShardCheck.h"

#include <QString>
#include <QStringList>

// Reading a shard check's report in a test: one item by what it checks, and every failure in a
// line of its own for a failed assertion's message.
namespace CheckReportRows {

// The first item whose "what" contains what, or null.
inline const ShardCheckItem* find(const ShardCheckReport& report, const QString& what)
{
    for (const ShardCheckItem& item : report.items) {
        if (item.what.contains(what))
            return &item;
    }
    return nullptr;
}

// "endpoint: what: detail -> fix", one line per failed item.
inline QString failures(const ShardCheckReport& report)
{
    QStringList lines;
    for (const ShardCheckItem& item : report.items) {
        if (!item.ok)
            lines.append(item.endpoint + QLatin1String(": ") + item.what + QLatin1String(": ") + item.detail
                         + QLatin1String(" -> ") + item.fix);
    }
    return lines.join(u'\n');
}

} // namespace CheckReportRows
