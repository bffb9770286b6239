#include "pg/PinnedRead.h"

PgResult PinnedRead::exec(PgConnection& c, const QString& sql, const PgParams& params)
{
    return c.transaction(
        [&] {
            c.execScript(QStringLiteral("SET LOCAL search_path = pg_catalog"));
            return c.exec(sql, params);
        },
        "BEGIN READ ONLY");
}
