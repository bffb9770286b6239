#include "ui/adopt/AdoptWizardSourcePage.h"

#include "adopt/AdoptOptionNames.h"
#include "pg/PgSession.h"
#include "provision/ShardDirectory.h"
#include "ui/adopt/AdoptWizard.h"
#include "ui/common/DialogParts.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

AdoptWizardSourcePage::AdoptWizardSourcePage(QWidget* parent)
    : QWizardPage(parent)
    , m_shard(new QComboBox(this))
    , m_layout(new QComboBox(this))
    , m_database(DialogParts::lineEdit(this, QStringLiteral("adoptDatabase"), tr("the shard's tenant database")))
    , m_status(DialogParts::statusLabel(this, QStringLiteral("adoptSourceStatus")))
{
    setObjectName(QStringLiteral("adoptSourcePage"));
    setTitle(tr("Where to look"));
    setSubTitle(tr("The shard to scan and how its application keeps its own list of tenants. Scanning only "
                   "reads."));
    m_shard->setObjectName(QStringLiteral("adoptShard"));
    m_layout->setObjectName(QStringLiteral("adoptLayout"));
    m_layout->addItem(tr("Auto: try django-tenants, stancl/tenancy, Apartment, else plain"), QString());
    m_layout->addItem(tr("Plain: schemas and databases as found"), QStringLiteral("plain"));
    m_layout->addItem(tr("django-tenants"), QStringLiteral("django-tenants"));
    m_layout->addItem(tr("stancl/tenancy"), QStringLiteral("stancl"));
    m_layout->addItem(tr("Apartment"), QStringLiteral("apartment"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Shard:"), m_shard);
    form->addRow(tr("&Layout:"), m_layout);
    form->addRow(tr("Application &database:"), m_database);
    auto* tables = new QGroupBox(tr("The application's tables and columns (empty: the library's defaults)"), this);
    auto* tableForm = new QFormLayout(tables);
    for (const AdoptOptionName& o : AdoptOptionName::all()) {
        auto* edit = new QLineEdit(tables);
        edit->setObjectName(QStringLiteral("adoptOption_") + o.key);
        edit->setToolTip(o.help);
        tableForm->addRow(o.key + u':', edit);
        m_options.insert(o.key, edit);
    }
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(tables, 1);
    layout->addWidget(m_status);
    connect(m_shard, &QComboBox::currentIndexChanged, this, &QWizardPage::completeChanged);
    connect(m_layout, &QComboBox::currentIndexChanged, this, &AdoptWizardSourcePage::showDefaults);
    showDefaults();
}

void AdoptWizardSourcePage::initializePage()
{
    auto* wizard = static_cast<AdoptWizard*>(this->wizard());
    m_status->setText(tr("Loading the shards…"));
    wizard->session()->run<QStringList>(
        [](PgConnection& c) {
            QStringList names;
            for (const ShardTarget& s : ShardDirectory::all(c))
                names.append(s.name);
            return names;
        },
        this,
        [this](Outcome<QStringList> result) {
            if (!result.ok()) {
                m_status->setText(result.error->text());
                return;
            }
            m_shard->clear();
            m_shard->addItems(*result.value);
            m_status->setText(result.value->isEmpty() ? tr("The catalog has no shards yet: add one first.")
                                                      : QString());
            emit completeChanged();
        });
}

void AdoptWizardSourcePage::showDefaults()
{
    const std::optional<AppLayout::Kind> kind = appLayoutKindFromString(m_layout->currentData().toString());
    const QJsonObject defaults = AppLayout::defaults(kind.value_or(AppLayout::Kind::DjangoTenants), {}).options();
    const bool named = kind != AppLayout::Kind::Plain;
    for (auto it = m_options.cbegin(); it != m_options.cend(); ++it) {
        it.value()->setPlaceholderText(kind ? defaults.value(it.key()).toString() : tr("each library's default"));
        it.value()->setEnabled(named);
    }
}

bool AdoptWizardSourcePage::isComplete() const
{
    return m_shard->currentIndex() >= 0;
}

AdoptRequest AdoptWizardSourcePage::request() const
{
    AdoptRequest r;
    r.shard = m_shard->currentText();
    r.layout = appLayoutKindFromString(m_layout->currentData().toString());
    r.database = m_database->text().trimmed();
    for (auto it = m_options.cbegin(); it != m_options.cend(); ++it) {
        if (it.value()->isEnabled() && !it.value()->text().trimmed().isEmpty())
            r.options.insert(it.key(), it.value()->text().trimmed());
    }
    return r;
}
