#include "base/InputError.h"
#include "catalog/TenantNames.h"
#include "provision/BatchCsv.h"
#include "provision/ShardConnections.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantSpecValidator.h"

#include <QTest>

// Every bad input of DESIGN.md ("Faults and bad input") for a new tenant: refused with a message
// that says what is wrong and how to fix it, before anything is sent. The provisioner here has a
// catalog connection that was never opened: had it tried to send anything, the error would be
// "not connected" instead of the expected message.
class TestTenantSpecValidator : public QObject {
    Q_OBJECT

    static TenantSpec good()
    {
        TenantSpec s;
        s.slug = QStringLiteral("acme-labs");
        s.displayName = QStringLiteral("Acme Labs");
        s.templateName = QStringLiteral("store");
        s.domains = {QStringLiteral("acme.example.com")};
        return s;
    }

private slots:
    void goodSpecHasNoProblems()
    {
        QVERIFY(TenantSpecValidator::problems(good()).isEmpty());
        TenantSpec s = good();
        s.displayName = QStringLiteral("Bob's Burgers; \"Monsters, Inc.\""); // any text is a fine display name
        s.domains = {QStringLiteral("ACME.example.com:8443/Shop/"), QStringLiteral("localhost:8001"), QString()};
        QVERIFY(TenantSpecValidator::problems(s).isEmpty());
        QCOMPARE(TenantSpecValidator::normalized(s).domains,
                 (QStringList{QStringLiteral("acme.example.com:8443/Shop"), QStringLiteral("localhost:8001")}));
    }

    void badSlugs_data()
    {
        QTest::addColumn<QString>("slug");
        QTest::addColumn<int>("model");
        QTest::addColumn<QString>("message");
        const int schema = int(IsolationModel::Schema), database = int(IsolationModel::Database);
        QTest::newRow("empty") << QString() << schema << QStringLiteral("The slug is empty");
        QTest::newRow("too long") << QString(64, u'a') << schema << QStringLiteral("at most 63 fit");
        QTest::newRow("database name truncated")
            << QString(57, u'a') << database << QStringLiteral("PostgreSQL truncates names after 63 bytes");
        QTest::newRow("public") << QStringLiteral("public") << schema << QStringLiteral("is reserved");
        QTest::newRow("pg_") << QStringLiteral("pg_tenant") << schema << QStringLiteral("reserved by PostgreSQL");
        QTest::newRow("pg-") << QStringLiteral("pg-tenant") << schema << QStringLiteral("reserved by PostgreSQL");
        QTest::newRow("information_schema")
            << QStringLiteral("information_schema") << schema << QStringLiteral("is reserved");
        QTest::newRow("shared") << QStringLiteral("shared") << schema << QStringLiteral("schema of the shared tables");
        QTest::newRow("template") << QStringLiteral("template-x") << database << QStringLiteral("template databases");
        QTest::newRow("case") << QStringLiteral("Acme") << schema
                              << QStringLiteral("differs only by case names the same tenant). Use \"acme\"");
        QTest::newRow("double quote") << QStringLiteral("ac\"me") << schema
                                      << QStringLiteral("a double quote (\") at position 3");
        QTest::newRow("single quote") << QStringLiteral("o'hara") << schema << QStringLiteral("a single quote");
        QTest::newRow("semicolon") << QStringLiteral("acme;drop") << schema << QStringLiteral("a semicolon");
        QTest::newRow("dot") << QStringLiteral("acme.labs") << schema << QStringLiteral("a dot");
        QTest::newRow("space") << QStringLiteral("acme labs") << schema
                               << QStringLiteral("a space at position 5: use only lower-case letters (a-z), "
                                                 "digits, '-' and '_', e.g. \"acme-labs\"");
        QTest::newRow("upper and space") << QStringLiteral("North Wind") << schema
                                         << QStringLiteral("Use \"north-wind\"");
        QTest::newRow("control") << QStringLiteral("ac\u0007me") << schema
                                 << QStringLiteral("a control character (U+0007)");
        QTest::newRow("zero width") << QStringLiteral("ac\u200bme") << schema
                                    << QStringLiteral("an invisible character (U+200B)");
        QTest::newRow("bidi") << QStringLiteral("acme\u202e") << schema
                              << QStringLiteral("an invisible character (U+202E)");
        QTest::newRow("invalid utf-8") << QString::fromUtf8("ac\xff"
                                                            "me")
                                       << schema << QStringLiteral("not valid UTF-8");
        QTest::newRow("digit first") << QStringLiteral("1acme") << schema << QStringLiteral("must start with a letter");
        QTest::newRow("non-ascii") << QStringLiteral("acmé") << schema << QStringLiteral("use only lower-case letters");
    }

    void badSlugs()
    {
        QFETCH(QString, slug);
        QFETCH(int, model);
        QFETCH(QString, message);
        TenantSpec s = good();
        s.slug = slug;
        s.model = IsolationModel(model);
        const QList<TenantSpecValidator::Problem> problems = TenantSpecValidator::problems(s);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.constFirst().field == TenantSpecValidator::Field::Slug);
        QVERIFY2(problems.constFirst().message.contains(message), qPrintable(problems.constFirst().message));
        // Text with invisible characters is never repeated back.
        QVERIFY(!problems.constFirst().message.contains(QChar(0x200b))
                && !problems.constFirst().message.contains(QChar(0x202e)));

        PgConnection neverOpened;
        ShardConnections shards{ConnectionParams(), FleetRoles::standard()};
        try {
            TenantProvisioner(neverOpened, shards).plan(s);
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(e.text().contains(message), qPrintable(e.text()));
        }
    }

    void slugsCollidingAfterTruncation()
    {
        // 57 characters each, equal in the first 56: as databases, both would be truncated to
        // the same 63-byte name, so both are refused, and the message shows the truncated name.
        const QString a = QString(56, u'a') + u'1', b = QString(56, u'a') + u'2';
        const QString truncated = TenantNames::databaseName(a).left(TenantNames::MaxIdentifierBytes);
        QCOMPARE(truncated, TenantNames::databaseName(b).left(TenantNames::MaxIdentifierBytes));
        for (const QString& slug : {a, b})
            QVERIFY(TenantSpecValidator::slugProblem(slug, IsolationModel::Database).contains(truncated));
        QVERIFY(TenantSpecValidator::slugProblem(a, IsolationModel::Schema).isEmpty());
        QCOMPARE(TenantNames::identifier(QStringLiteral("tenant-a")),
                 TenantNames::identifier(QStringLiteral("tenant_a")));
    }

    void badDisplayNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QStringLiteral("   ") << QStringLiteral("The display name is empty");
        QTest::newRow("too long") << QString(201, u'x') << QStringLiteral("at most 200 fit");
        QTest::newRow("control") << QStringLiteral("Acme\nLabs") << QStringLiteral("control character");
        QTest::newRow("bidi") << QStringLiteral("Acme \u202eLabs") << QStringLiteral("invisible character");
    }

    void badDisplayNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, message);
        QVERIFY2(TenantSpecValidator::displayNameProblem(name).contains(message),
                 qPrintable(TenantSpecValidator::displayNameProblem(name)));
    }

    void badDomains_data()
    {
        QTest::addColumn<QStringList>("domains");
        QTest::addColumn<QString>("message");
        QTest::newRow("scheme") << QStringList{QStringLiteral("https://acme.example.com")}
                                << QStringLiteral("enter it without");
        QTest::newRow("port") << QStringList{QStringLiteral("acme.example.com:99999")}
                              << QStringLiteral("from 1 to 65535");
        QTest::newRow("empty port") << QStringList{QStringLiteral("acme.example.com:")}
                                    << QStringLiteral("a port is a number");
        QTest::newRow("underscore") << QStringList{QStringLiteral("acme_labs.example.com")}
                                    << QStringLiteral("the character '_'");
        QTest::newRow("double dot") << QStringList{QStringLiteral("acme..example.com")} << QStringLiteral("empty part");
        QTest::newRow("dash") << QStringList{QStringLiteral("-acme.example.com")}
                              << QStringLiteral("starts or ends with '-'");
        QTest::newRow("unicode") << QStringList{QStringLiteral("bücher.example.com")} << QStringLiteral("punycode");
        QTest::newRow("query") << QStringList{QStringLiteral("example.com/shop?x=1")}
                               << QStringLiteral("plain URL path");
        QTest::newRow("semicolon") << QStringList{QStringLiteral("example.com;drop")} << QStringLiteral("a semicolon");
        QTest::newRow("zero width") << QStringList{QStringLiteral("acme\u200b.example.com")}
                                    << QStringLiteral("invisible");
        QTest::newRow("twice") << QStringList{QStringLiteral("a.example.com"), QStringLiteral("A.example.com/")}
                               << QStringLiteral("listed twice");
        QTest::newRow("no host") << QStringList{QStringLiteral("/shop")} << QStringLiteral("has no host name");
        // A path is stored the way a web server reads it, or routing and the catalog disagree.
        QTest::newRow("dot dot") << QStringList{QStringLiteral("x.example.com/../admin")}
                                 << QStringLiteral("a web server reads as \"/admin\"");
        QTest::newRow("encoded dots") << QStringList{QStringLiteral("x.example.com/shop/%2e%2e/admin")}
                                      << QStringLiteral("a web server reads as \"/admin\"");
        QTest::newRow("only encoded dots")
            << QStringList{QStringLiteral("x.example.com/%2E%2E")} << QStringLiteral("a web server reads as \"/\"");
        QTest::newRow("dot") << QStringList{QStringLiteral("x.example.com/./shop")}
                             << QStringLiteral("a web server reads as \"/shop\"");
        QTest::newRow("double slash") << QStringList{QStringLiteral("x.example.com//shop")}
                                      << QStringLiteral("a web server reads as \"/shop\"");
        QTest::newRow("encoded letter") << QStringList{QStringLiteral("x.example.com/%73hop")}
                                        << QStringLiteral("a web server reads as \"/shop\"");
        QTest::newRow("lower-case escape") << QStringList{QStringLiteral("x.example.com/caf%c3%a9")}
                                           << QStringLiteral("a web server reads as \"/caf%C3%A9\"");
    }

    void badDomains()
    {
        QFETCH(QStringList, domains);
        QFETCH(QString, message);
        TenantSpec s = good();
        s.domains = domains;
        const QList<TenantSpecValidator::Problem> problems = TenantSpecValidator::problems(s);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.constFirst().field == TenantSpecValidator::Field::Domains);
        QVERIFY2(problems.constFirst().message.contains(message), qPrintable(problems.constFirst().message));
    }

    // Parsed domains reach the catalog as the JSON rows its statements read, each without the
    // port or path it does not have.
    void domainsAsCatalogRows()
    {
        QString problem;
        const std::optional<QList<CatalogDomain>> domains = TenantSpecValidator::parseDomains(
            {QStringLiteral("Acme.Example.com"), QStringLiteral("localhost:8443"),
             QStringLiteral("portal.example.com/acme/")},
            &problem);
        QVERIFY2(domains, qPrintable(problem));
        QCOMPARE(CatalogDomain::toJsonRows(*domains),
                 QByteArrayLiteral("[{\"host\":\"acme.example.com\"},{\"host\":\"localhost\",\"port\":8443},"
                                   "{\"host\":\"portal.example.com\",\"path_prefix\":\"/acme\"}]"));
        QCOMPARE(CatalogDomain::toJsonRows({}), QByteArrayLiteral("[]"));
    }

    // The catalog's spelling of a shard's state, both ways; anything else is not a state.
    void shardStates()
    {
        for (ShardState state : {ShardState::Active, ShardState::Draining, ShardState::Retired})
            QVERIFY(shardStateFromString(toString(state).toLatin1()) == state);
        QCOMPARE(toString(ShardState::Draining), QStringLiteral("draining"));
        QVERIFY(!shardStateFromString("Active"));
        QVERIFY(!shardStateFromString(""));
    }

    void otherFields()
    {
        TenantSpec s = good();
        s.shard = QStringLiteral("shard 1;");
        s.templateName.clear();
        const QList<TenantSpecValidator::Problem> problems = TenantSpecValidator::problems(s);
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems[0].message.contains(QLatin1String("is not a shard name")));
        QVERIFY(problems[1].message.contains(QLatin1String("No template is chosen")));
    }

    void csv()
    {
        const QList<BatchRow> rows = BatchCsv::parse(
            "\xef\xbb\xbfslug,name,model,shard,template,version,domains\r\n"
            "acme,\"Acme, \"\"the\"\" labs\",database,shard-2,store,2,a.example.com;b.example.com:8080\r\n"
            "\n"
            "globex,Globex,,auto,store,,\r\n"
            "acme,Again,schema,,store,,\r\n"
            "x,X,tables,,store,,\r\n"
            "y,Y,schema,,store,two,\r\n");
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0].line, 2);
        QCOMPARE(rows[0].spec.displayName, QStringLiteral("Acme, \"the\" labs"));
        QVERIFY(rows[0].spec.model == IsolationModel::Database);
        QCOMPARE(rows[0].spec.shard, QStringLiteral("shard-2"));
        QCOMPARE(rows[0].spec.templateVersion, 2);
        QCOMPARE(rows[0].spec.domains,
                 (QStringList{QStringLiteral("a.example.com"), QStringLiteral("b.example.com:8080")}));
        QVERIFY(rows[1].spec.automaticShard());
        QVERIFY(rows[1].spec.model == IsolationModel::Schema);
        QVERIFY(rows[2].inputError.contains(QLatin1String("listed already, on line 2")));
        QVERIFY(rows[3].inputError.contains(QLatin1String("not schema, database or shared")));
        QVERIFY(rows[4].inputError.contains(QLatin1String("not a number")));
        try {
            BatchCsv::parse("name,slug\n");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY(e.text().contains(QLatin1String("header")));
        }
    }
};

QTEST_GUILESS_MAIN(TestTenantSpecValidator)
#include "TestTenantSpecValidator.moc"
