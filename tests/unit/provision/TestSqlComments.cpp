#include "pg/SqlComment.h"
#include "provision/ProvisionPlan.h"

#include <QRegularExpression>
#include <QTest>

// SQL that TenantDesk shows or writes keeps names and values inside its comments: a plan preview
// whose names and parameter values hold line breaks (either kind), pasted into psql, runs only
// its statements. Every line of it is a comment or a line of a statement the plan runs.
class TestSqlComments : public QObject {
    Q_OBJECT

private slots:
    void oneLineEscapesLineBreaksAndControls()
    {
        QCOMPARE(SqlComment::oneLine(QStringLiteral("a\nb\rc\td\\e\u2028f")),
                 QStringLiteral("a\\nb\\rc\\x09d\\\\e\\x2028f"));
        QCOMPARE(SqlComment::oneLine(QStringLiteral("plain ü \"q\" */ --")), QStringLiteral("plain ü \"q\" */ --"));
    }

    void aPlanPreviewKeepsNamesInItsComments()
    {
        const QString attack = QStringLiteral("x\nDROP TABLE victims; --\rDELETE FROM victims; --");
        ProvisionPlan plan;
        plan.spec.slug = attack;
        plan.shard.name = attack;
        plan.shard.host = QStringLiteral("localhost");
        plan.lockKey = attack;
        ProvisionPlan::Step step;
        step.summary = QStringLiteral("create %1").arg(attack);
        step.lockKey = attack;
        ProvisionPlan::Unit unit;
        unit.database = attack;
        unit.statements << ProvisionPlan::Statement{QStringLiteral("SELECT $1::text"), {attack}};
        step.units << unit;
        step.undo << ProvisionPlan::Unit{
            attack, true, false, {ProvisionPlan::Statement{QStringLiteral("SELECT $1::text"), {attack}}}};
        plan.steps << step;

        const QString sql = plan.statements().join(u'\n');
        // PostgreSQL ends a -- comment at \n or \r: every such line is a comment or a statement.
        for (const QString& line : sql.split(QRegularExpression(QStringLiteral("[\\r\\n]")))) {
            const QString t = line.trimmed();
            QVERIFY2(t.isEmpty() || t.startsWith(QLatin1String("--")) || t == QLatin1String("SELECT $1::text;")
                         || t.startsWith(QLatin1String("SELECT pg_catalog.pg_")) || t == QLatin1String("BEGIN;")
                         || t == QLatin1String("COMMIT;"),
                     qPrintable(QStringLiteral("a line outside the statements and comments: ") + line));
        }
        QVERIFY(sql.contains(SqlComment::oneLine(attack)));
    }
};

QTEST_GUILESS_MAIN(TestSqlComments)
#include "TestSqlComments.moc"
