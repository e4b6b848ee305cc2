-- Users: email stored normalized (trimmed, lower case); uniqueness is enforced case-insensitively anyway.
create table users (
    id            uuid primary key,
    email         varchar(254) not null,
    password_hash varchar(200) not null,
    first_name    varchar(100) not null,
    last_name     varchar(100) not null,
    date_of_birth date         not null,
    mobile_number varchar(16)  not null,
    role          varchar(16)  not null check (role in ('admin', 'instructor', 'student')),
    disabled      boolean      not null default false,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
create unique index users_email_uk on users (lower(email));
create unique index users_mobile_number_uk on users (mobile_number);
create index users_role_created_idx on users (role, created_at, id);
create index users_created_idx on users (created_at, id);

-- One family per login; every refresh rotates the token inside its family.
create table refresh_token_families (
    id             uuid primary key,
    user_id        uuid        not null references users (id) on delete cascade,
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    revoked_at     timestamptz,
    revoked_reason varchar(32)
);
create index refresh_token_families_user_idx on refresh_token_families (user_id) where revoked_at is null;

-- Only the SHA-256 of a refresh token is stored.
create table refresh_tokens (
    token_hash bytea primary key,
    family_id  uuid        not null references refresh_token_families (id) on delete cascade,
    user_id    uuid        not null,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);

-- Signing keys shared by all replicas. The private key is PKCS#8, AES-GCM encrypted.
create table signing_keys (
    kid                   varchar(64) primary key,
    algorithm             varchar(8)  not null,
    public_key            bytea       not null,
    private_key_encrypted bytea       not null,
    created_at            timestamptz not null,
    superseded_at         timestamptz
);
-- At most one active key.
create unique index signing_keys_one_active_uk on signing_keys ((superseded_at is null)) where superseded_at is null;

-- Transactional outbox: written with the change, published to Kafka by the relay.
create table outbox_events (
    id           uuid primary key,
    topic        varchar(200) not null,
    event_key    varchar(200) not null,
    event_type   varchar(100) not null,
    payload      jsonb        not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);
create index outbox_events_pending_idx on outbox_events (created_at) where published_at is null;
create index outbox_events_published_idx on outbox_events (published_at) where published_at is not null;
