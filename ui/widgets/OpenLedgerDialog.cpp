// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/OpenLedgerDialog.h"

#include "ledger/DatabaseUrl.h"
#include "widgets/FileDialogs.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace ledgerguard {

namespace {

bool isUrl(const QString& text)
{
    return DatabaseUrl::isPostgres(text);
}

} // namespace

OpenLedgerDialog::OpenLedgerDialog(const QString& current, QWidget* parent)
    : QDialog(parent)
    , m_location(new QLineEdit(current, this))
    , m_error(new QLabel(this))
    , m_open(nullptr)
{
    setWindowTitle(tr("Open ledger"));
    auto* intro = new QLabel(tr("A ledger file, or a PostgreSQL database shared by a team:\n"
                                "postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=verify-full]"),
                             this);
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_location->setObjectName(QStringLiteral("ledgerLocation"));
    m_location->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 40);
    m_location->selectAll();
    auto* browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browseLedger"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString start = isUrl(m_location->text()) ? QDir::homePath() : m_location->text();
        const QString file = saveFileName(this, tr("Ledger file"), start, tr("Ledgers (*.sqlite);;All files (*)"),
                                          QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_location->setText(file);
    });
    m_error->setObjectName(QStringLiteral("ledgerLocationError"));
    m_error->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_open = buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
    m_open->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_location, &QLineEdit::textChanged, this, &OpenLedgerDialog::validate);

    auto* row = new QHBoxLayout;
    row->addWidget(m_location, 1);
    row->addWidget(browse);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    validate();
}

QString OpenLedgerDialog::location() const
{
    const QString text = m_location->text().trimmed();
    return isUrl(text) || text.isEmpty() ? text : QFileInfo(text).absoluteFilePath();
}

QString OpenLedgerDialog::errorText() const
{
    return m_error->text();
}

void OpenLedgerDialog::validate()
{
    const QString text = m_location->text().trimmed();
    QString error;
    if (isUrl(text)) {
        const QUrl url(text);
        if (!url.password().isEmpty())
            error = tr("Leave the password out of the URL: LedgerGuard asks for it when the server wants one "
                       "(or reads it from your password file, docs/TEAM.md).");
        else if (!url.isValid() || url.host().isEmpty() || url.userName().isEmpty() || url.path().size() < 2)
            error = tr("A database URL reads postgresql://USER@HOST[:PORT]/DATABASE.");
    }
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_open->setEnabled(!text.isEmpty() && error.isEmpty());
    // A shown hint wraps over lines: the dialog grows to hold them instead of squeezing every label.
    layout()->activate();
    if (const int needed = layout()->totalHeightForWidth(width()); needed > height())
        resize(width(), needed);
}

QString askLedgerPassword(QWidget* parent, const QString& url)
{
    QInputDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("ledgerPasswordDialog"));
    dialog.setWindowTitle(QObject::tr("Database password"));
    dialog.setLabelText(QObject::tr("Password for %1:").arg(url));
    dialog.setTextEchoMode(QLineEdit::Password);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    const QString password = dialog.textValue();
    return password.isNull() ? QStringLiteral("") : password;
}

QString ledgerStatusText(const QString& location, const QString& user, const QString& host)
{
    if (user.isEmpty())
        return location;
    return QObject::tr("%1 · Connected as %2 on %3").arg(location, user, host);
}

} // namespace ledgerguard
