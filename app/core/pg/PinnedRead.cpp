#include "pg/PinnedRead.h"

#include "pg/LocalSettings.h"

PgResult PinnedRead::exec(PgConnection& c, const QString& sql, const PgParams& params)
{
    return c.transaction(
        [&] {
            LocalSettings::pinSearchPath(c);
            return c.exec(sql, params);
        },
        "BEGIN READ ONLY");
}
