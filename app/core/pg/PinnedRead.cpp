#include "pg/PinnedRead.h"

#include "pg/LocalSettings.h"

PgResult PinnedRead::exec(PgConnection& c, const QString& sql, const PgParams& params)
{
    return c.transaction([&] { return c.exec(sql, params); },
                         LocalSettings::beginPinned(QStringLiteral("BEGIN READ ONLY")));
}
