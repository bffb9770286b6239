#include "ui/fleetadmin/FleetFormDialog.h"

#include "ui/common/DialogParts.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

FleetFormDialog::FleetFormDialog(const QString& title, QWidget* parent)
    : QDialog(parent)
    , m_form(new QFormLayout)
    , m_error(new QLabel(this))
    , m_buttons(DialogParts::buttons(this, QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    m_buttons->setObjectName(QStringLiteral("fleetFormButtons"));
    m_error->setObjectName(QStringLiteral("fleetFormError"));
    m_error->setTextFormat(Qt::PlainText); // server messages and names are never markup
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(highlight)"));
    m_error->hide();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        m_error->hide();
        emit submitted();
    });
    setMinimumWidth(420);
}

void FleetFormDialog::showError(const QString& text)
{
    m_error->setText(text);
    m_error->show();
}

void FleetFormDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}
