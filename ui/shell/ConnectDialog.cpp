#include "ui/shell/ConnectDialog.h"

#include "base/InputError.h"
#include "catalog/ProfileStore.h"
#include "ui/common/DialogParts.h"
#include "ui/common/UserPrompts.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// The one thing the dialog remembers besides the profiles themselves.
const QString LastProfileKey = QStringLiteral("connect/lastProfile");

} // namespace

ConnectDialog::ConnectDialog(ProfileStore& profiles, UserPrompts& prompts, QWidget* parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_prompts(prompts)
    , m_list(new QListWidget(this))
    , m_name(addField(QStringLiteral("profileName"), tr("e.g. Production catalog")))
    , m_host(addField(QStringLiteral("host"), tr("host name, address or socket directory")))
    , m_port(addField(QStringLiteral("port"), QStringLiteral("5432")))
    , m_database(addField(QStringLiteral("database"), tr("catalog database")))
    , m_user(addField(QStringLiteral("user"), tr("default: your login name")))
    , m_sslMode(new QComboBox(this))
    , m_rootCert(addField(QStringLiteral("sslRootCert"), tr("default: ~/.postgresql/root.crt")))
    , m_passfile(addField(QStringLiteral("passfile"), tr("default: ~/.pgpass")))
    , m_service(addField(QStringLiteral("service"), tr("a name from pg_service.conf")))
    , m_connectionString(
          addField(QStringLiteral("connectionString"), QStringLiteral("postgresql://user@host:5432/catalog")))
    , m_password(addField(QStringLiteral("password"), tr("empty: from the password file")))
    , m_error(new QLabel(this))
    , m_connect(new QPushButton(tr("Connect"), this))
    , m_save(new QPushButton(tr("Save Profile"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a Catalog"));
    m_list->setObjectName(QStringLiteral("profileList"));
    m_sslMode->setObjectName(QStringLiteral("sslMode"));
    m_error->setObjectName(QStringLiteral("connectError"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_save->setObjectName(QStringLiteral("saveProfile"));
    m_delete->setObjectName(QStringLiteral("deleteProfile"));

    m_sslMode->addItem(tr("default (prefer)"), QString());
    for (const char* mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
        m_sslMode->addItem(QString::fromLatin1(mode), QString::fromLatin1(mode));
    m_password->setEchoMode(QLineEdit::Password);
    m_port->setMaxLength(5);
    m_connectionString->setToolTip(tr("A libpq URI or key=value string. Fields filled in above override its values."));
    m_password->setToolTip(tr("Used for this connection only and never saved."));
    // Errors quote libpq and the server: plain text, never markup.
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(palette);
    m_error->hide();

    auto* form = new QFormLayout;
    // A row whose field has a "…" button to pick a file; the label's mnemonic focuses the field.
    auto addFileRow = [this, form](const QString& label, QLineEdit* field, const QString& caption) {
        auto* row = new QHBoxLayout;
        auto* browse = new QToolButton(this);
        browse->setText(QStringLiteral("…"));
        browse->setObjectName(field->objectName() + QStringLiteral("Browse"));
        browse->setToolTip(caption);
        connect(browse, &QToolButton::clicked, this, [this, field, caption] { pickFile(field, caption); });
        row->addWidget(field);
        row->addWidget(browse);
        m_inputs << browse;
        auto* text = new QLabel(label, this);
        text->setBuddy(field);
        form->addRow(text, row);
    };
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("SSL &mode:"), m_sslMode);
    addFileRow(tr("&Root certificate:"), m_rootCert, tr("Choose the CA certificate file"));
    addFileRow(tr("Password &file:"), m_passfile, tr("Choose a libpq password file"));
    form->addRow(tr("&Service:"), m_service);
    form->addRow(tr("Or connection &string:"), m_connectionString);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(m_error);

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(QDialogButtonBox::Cancel);
    buttons->addButton(m_connect, QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_save);
    buttonRow->addStretch(1);
    buttonRow->addWidget(buttons);

    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Saved connections"), this));
    left->addWidget(m_list);
    left->addWidget(m_delete);
    auto* right = new QVBoxLayout;
    right->addLayout(form);
    right->addStretch(1);
    right->addLayout(buttonRow);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 1);
    layout->addLayout(right, 3);

    m_inputs << m_list << m_name << m_host << m_port << m_database << m_user << m_sslMode << m_rootCert << m_passfile
             << m_service << m_connectionString << m_password << m_save << m_delete;

    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectDialog::profileSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // QDialogButtonBox::accepted stays unconnected: Connect only asks; the window accepts once connected.
    connect(m_connect, &QPushButton::clicked, this, &ConnectDialog::tryConnect);
    connect(m_save, &QPushButton::clicked, this, &ConnectDialog::saveProfile);
    connect(m_delete, &QPushButton::clicked, this, &ConnectDialog::deleteProfile);

    reloadProfiles(QSettings().value(LastProfileKey).toString());
    // With the last profile chosen, Enter connects; without one, typing starts with the host.
    if (m_list->currentItem())
        m_connect->setFocus();
    else
        m_host->setFocus();
    resize(760, 480);
}

ConnectionProfile ConnectDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.host = m_host->text().trimmed();
    p.port = m_port->text().trimmed().isEmpty() ? 0 : m_port->text().trimmed().toInt();
    p.dbname = m_database->text();
    p.user = m_user->text();
    p.sslmode = m_sslMode->currentData().toString();
    p.sslrootcert = m_rootCert->text().trimmed();
    p.passfile = m_passfile->text().trimmed();
    p.service = m_service->text().trimmed();
    p.connectionString = m_connectionString->text().trimmed();
    return p;
}

void ConnectDialog::setProfile(const ConnectionProfile& p)
{
    m_name->setText(p.name);
    m_host->setText(p.host);
    m_port->setText(p.port > 0 ? QString::number(p.port) : QString());
    m_database->setText(p.dbname);
    m_user->setText(p.user);
    m_sslMode->setCurrentIndex(std::max(0, m_sslMode->findData(p.sslmode)));
    m_rootCert->setText(p.sslrootcert);
    m_passfile->setText(p.passfile);
    m_service->setText(p.service);
    m_connectionString->setText(p.connectionString);
    m_password->clear();
    m_error->hide();
}

QString ConnectDialog::validationMessage() const
{
    const QString port = m_port->text().trimmed();
    bool numeric = false;
    const int number = port.toInt(&numeric);
    if (!port.isEmpty() && (!numeric || number < 1 || number > 65535))
        return tr("The port must be a number between 1 and 65535 (PostgreSQL listens on 5432 by default).");
    ConnectionProfile p = profile();
    // Connecting does not need a name; saving does (saveProfile()).
    if (p.name.isEmpty())
        p.name = tr("unsaved connection");
    return p.validate();
}

void ConnectDialog::showError(const QString& message)
{
    setConnecting(false);
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ConnectDialog::setConnecting(bool connecting)
{
    for (QWidget* input : std::as_const(m_inputs))
        input->setEnabled(!connecting);
    m_delete->setEnabled(!connecting && m_list->currentItem());
    m_connect->setEnabled(!connecting);
    m_connect->setText(connecting ? tr("Connecting…") : tr("Connect"));
    if (connecting)
        m_error->hide();
}

void ConnectDialog::reloadProfiles(const QString& select)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const QList<ConnectionProfile> saved = m_profiles.profiles();
    for (const ConnectionProfile& p : saved)
        m_list->addItem(p.name);
    const QList<QListWidgetItem*> match = m_list->findItems(select, Qt::MatchExactly);
    if (!match.isEmpty()) {
        m_list->setCurrentItem(match.first());
        profileSelected();
    }
    m_delete->setEnabled(m_list->currentItem() != nullptr);
}

void ConnectDialog::profileSelected()
{
    const QListWidgetItem* item = m_list->currentItem();
    m_delete->setEnabled(item != nullptr);
    if (!item)
        return;
    const QList<ConnectionProfile> saved = m_profiles.profiles();
    for (const ConnectionProfile& p : saved) {
        if (p.name == item->text())
            setProfile(p);
    }
}

void ConnectDialog::tryConnect()
{
    if (const QString problem = validationMessage(); !problem.isEmpty()) {
        showError(problem);
        return;
    }
    const ConnectionProfile p = profile();
    ConnectionParams params;
    try {
        params = p.toParams();
    } catch (const InputError& e) {
        showError(e.text());
        return;
    }
    // For this connection only: it goes to libpq in memory and is never saved.
    if (!m_password->text().isEmpty())
        params.set("password", m_password->text());
    if (!m_list->findItems(p.name, Qt::MatchExactly).isEmpty())
        QSettings().setValue(LastProfileKey, p.name);
    setConnecting(true);
    emit connectRequested(params);
}

void ConnectDialog::saveProfile()
{
    const ConnectionProfile p = profile();
    if (p.name.isEmpty()) {
        showError(tr("Enter a name to save this connection under."));
        m_name->setFocus();
        return;
    }
    QString problem = validationMessage();
    if (problem.isEmpty())
        problem = m_profiles.save(p);
    showError(problem);
    if (problem.isEmpty())
        reloadProfiles(p.name);
}

void ConnectDialog::deleteProfile()
{
    const QListWidgetItem* item = m_list->currentItem();
    if (!item)
        return;
    const QString name = item->text();
    m_prompts.ask(this, tr("Delete Profile"),
                  tr("Delete the saved connection \"%1\"? The catalog itself is not touched.").arg(name), tr("Delete"),
                  [this, name](bool accepted) {
                      if (!accepted)
                          return;
                      m_profiles.remove(name);
                      reloadProfiles({});
                  });
}

void ConnectDialog::pickFile(QLineEdit* field, const QString& caption)
{
    m_prompts.chooseFile(this, caption, field->text(), [field](const QString& path) { field->setText(path); });
}

QLineEdit* ConnectDialog::addField(const QString& objectName, const QString& placeholder)
{
    QLineEdit* field = DialogParts::lineEdit(this, objectName, placeholder);
    field->setMaxLength(ConnectionProfile::MaxFieldLength);
    return field;
}
