#include "FakeRows.h"
#include "rows/BrowseTable.h"
#include "rows/CellFormatter.h"
#include "rows/FilterCondition.h"
#include "rows/KeysetPager.h"
#include "rows/RowExportWriter.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Everything between a value the user typed or the server sent and what leaves TenantDesk:
// filter checks, LIKE escaping, key text, CSV and JSON export, the cell viewer's formatting.
class TestBrowseValues : public QObject {
    Q_OBJECT

private:
    static bool accepted(const FilterCondition& condition, const BrowseColumn& column)
    {
        return condition.problem(column).isEmpty();
    }
    static BrowseColumn column(const QString& name, const QString& type, char category, bool orderable = true)
    {
        return BrowseColumn{name, 1, type, QStringLiteral("pg_catalog"), type, false, category, orderable};
    }

    // The file the writer makes of one page of table t.
    static QByteArray exported(RowExportWriter::Format format, const BrowseTable& t, const BrowsePage& page)
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        RowExportWriter writer(&out, format, t);
        writer.begin();
        writer.write(page);
        writer.end();
        return out.data();
    }

private slots:
    void filterValuesAreCheckedBeforeAnythingIsSent()
    {
        const BrowseColumn text = column(QStringLiteral("name"), QStringLiteral("text"), 'S');
        QVERIFY(accepted(FilterCondition{0, FilterOperator::Equal, QStringLiteral("O'Brien; DROP TABLE x")}, text));
        QVERIFY(!accepted(FilterCondition{0, FilterOperator::Equal, {}}, text));
        QVERIFY(accepted(FilterCondition{0, FilterOperator::IsNull, {}}, text));
        QVERIFY(!accepted(FilterCondition{0, FilterOperator::Equal, QStringLiteral("a\u0007b")}, text));
        QVERIFY(!accepted(FilterCondition{0, FilterOperator::Equal, QStringLiteral("a\u200Bb")}, text));
        QVERIFY(!accepted(FilterCondition{0, FilterOperator::Equal, QString(FilterCondition::MaxValueLength + 1, u'x')},
                          text));
        const BrowseColumn json = column(QStringLiteral("doc"), QStringLiteral("json"), 'U', false);
        QVERIFY(!accepted(FilterCondition{0, FilterOperator::Less, QStringLiteral("1")}, json));
        QVERIFY(accepted(FilterCondition{0, FilterOperator::Contains, QStringLiteral("1")}, json));
    }

    void containsEscapesLikeWildcards()
    {
        QCOMPARE((FilterCondition{0, FilterOperator::Contains, QStringLiteral("50%_off\\")}.containsPattern()),
                 QStringLiteral("%50\\%\\_off\\\\%"));
    }

    void operatorsParse()
    {
        QCOMPARE(FilterCondition::parseOperator(QStringLiteral("!=")), FilterOperator::NotEqual);
        QCOMPARE(FilterCondition::parseOperator(QStringLiteral("is-not-null")), FilterOperator::IsNotNull);
        QCOMPARE(FilterCondition::parseOperator(QStringLiteral("CONTAINS")), FilterOperator::Contains);
        QVERIFY(!FilterCondition::parseOperator(QStringLiteral("; --")));
        for (FilterOperator op : FilterCondition::operators())
            QCOMPARE(FilterCondition::parseOperator(FilterCondition::symbol(op)), op);
    }

    void keysRoundTripAsText()
    {
        BrowseTable t;
        t.columns = {column(QStringLiteral("tenant"), QStringLiteral("uuid"), 'U'),
                     column(QStringLiteral("id"), QStringLiteral("bigint"), 'N')};
        t.keyColumns = {0, 1};
        const KeysetPager pager(t, {});
        const RowKey key = pager.parseKey(QStringLiteral("[\"a-b\", 5]"));
        QCOMPARE(key.size(), 2);
        QCOMPARE(key[0].toByteArray(), QByteArray("a-b"));
        QCOMPARE(key[1].toByteArray(), QByteArray("5"));
        QCOMPARE(pager.parseKey(KeysetPager::keyText(key)), key);
        QVERIFY_THROWS_EXCEPTION(InputError, pager.parseKey(QStringLiteral("5")));
        QCOMPARE(KeysetPager::keyText({QByteArray("[x")}), QStringLiteral("[\"[x\"]"));
    }

    void pagerRefusesWhatTheColumnsDoNotAllow()
    {
        BrowseTable t;
        t.columns = {column(QStringLiteral("id"), QStringLiteral("bigint"), 'N'),
                     column(QStringLiteral("doc"), QStringLiteral("json"), 'U', false)};
        t.keyColumns = {0};
        BrowseQuery sortByJson;
        sortByJson.sortColumn = 1;
        QVERIFY_THROWS_EXCEPTION(InputError, KeysetPager(t, sortByJson));
        BrowseQuery badColumn;
        badColumn.filters << FilterCondition{7, FilterOperator::IsNull, {}};
        QVERIFY_THROWS_EXCEPTION(InputError, KeysetPager(t, badColumn));
    }

    void csvFollowsRfc4180()
    {
        BrowseTable t;
        t.columns = {column(QStringLiteral("id"), QStringLiteral("bigint"), 'N'),
                     column(QStringLiteral("say \"hi\""), QStringLiteral("text"), 'S')};
        const PgResult r = FakeRows::result({QStringLiteral("a"), QStringLiteral("b")},
                                            {{QByteArray("1"), QByteArray("plain")},
                                             {QByteArray("2"), QByteArray("a,b \"q\"\nline")},
                                             {QByteArray("3"), QByteArray("")},
                                             {QByteArray("4"), std::nullopt}});
        const QByteArray out = exported(RowExportWriter::Format::Csv, t, BrowsePage(r, 2, BrowsePage::Read::Forward));
        QCOMPARE(out,
                 QByteArray("\"id\",\"say \"\"hi\"\"\"\r\n1,plain\r\n2,\"a,b \"\"q\"\"\nline\"\r\n3,\"\"\r\n4,\r\n"));
    }

    void jsonKeepsTypes()
    {
        BrowseTable t;
        t.columns = {column(QStringLiteral("n"), QStringLiteral("numeric"), 'N'),
                     column(QStringLiteral("ok"), QStringLiteral("boolean"), 'B'),
                     column(QStringLiteral("doc"), QStringLiteral("jsonb"), 'U'),
                     column(QStringLiteral("t\u00e9xt"), QStringLiteral("text"), 'S'),
                     column(QStringLiteral("rel"), QStringLiteral("regclass"), 'N')};
        const PgResult r = FakeRows::result(
            {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")},
            {{QByteArray("-1.5e3"), QByteArray("t"), QByteArray("{\"k\": [1, 2]}"), QByteArray("tab\there \"q\""),
              QByteArray("e")},
             {QByteArray("NaN"), QByteArray("f"), std::nullopt, QByteArray("\x01"), QByteArray("12")}});
        const QByteArray out = exported(RowExportWriter::Format::Json, t, BrowsePage(r, 5, BrowsePage::Read::Forward));
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject first = doc.array().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("n")).toDouble(), -1500.0);
        QCOMPARE(first.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(first.value(QStringLiteral("doc")).toObject().value(QStringLiteral("k")).toArray().size(), 2);
        QCOMPARE(first.value(QStringLiteral("t\u00e9xt")).toString(), QStringLiteral("tab\there \"q\""));
        QCOMPARE(first.value(QStringLiteral("rel")).toString(), QStringLiteral("e"));
        const QJsonObject second = doc.array().at(1).toObject();
        QCOMPARE(second.value(QStringLiteral("n")).toString(), QStringLiteral("NaN"));
        QVERIFY(second.value(QStringLiteral("doc")).isNull());
        QCOMPARE(second.value(QStringLiteral("rel")).toDouble(), 12.0);

        QBuffer empty;
        empty.open(QIODevice::WriteOnly);
        RowExportWriter none(&empty, RowExportWriter::Format::Json, t);
        none.begin();
        none.end();
        QCOMPARE(QJsonDocument::fromJson(empty.data()).array().size(), 0);
    }

    void cellViewerFormats()
    {
        QCOMPARE(CellFormatter::prettyJson(u"{\"b\":1,\"a\":[1,{}],\"s\":\"x,{y}\"}"),
                 QStringLiteral("{\n  \"b\": 1,\n  \"a\": [\n    1,\n    {}\n  ],\n  \"s\": \"x,{y}\"\n}"));
        QCOMPARE(CellFormatter::hexDump(u"\\x41420a"),
                 QStringLiteral("3 bytes\n00000000  41 42 0a                                          |AB.|\n"));
        const BrowseColumn text = column(QStringLiteral("t"), QStringLiteral("text"), 'S');
        QCOMPARE(CellFormatter::format(text, QStringLiteral("{\"a\":1}")), QStringLiteral("{\"a\":1}"));
    }
};

QTEST_GUILESS_MAIN(TestBrowseValues)
#include "TestBrowseValues.moc"
