-- Published-courses read model, fed by lectern.courses.v1. course_version only ever grows.
create table catalog_courses (
    course_id      uuid primary key,
    instructor_id  uuid        not null,
    premium        boolean     not null,
    published      boolean     not null,
    deleted        boolean     not null,
    course_version bigint      not null,
    updated_at     timestamptz not null
);

-- Access grants for premium courses (by an admin today, by payments later).
create table entitlements (
    user_id    uuid        not null references users (id) on delete cascade,
    course_id  uuid        not null,
    granted_at timestamptz not null,
    granted_by uuid,
    primary key (user_id, course_id)
);

-- A student's enrollments; at most one active per (user, course), enforced here so concurrent requests cannot both win.
create table enrollments (
    id          uuid primary key,
    user_id     uuid        not null references users (id) on delete cascade,
    course_id   uuid        not null,
    status      text        not null check (status in ('active', 'ended')),
    enrolled_at timestamptz not null,
    ended_at    timestamptz,
    check ((status = 'ended') = (ended_at is not null))
);
create unique index enrollments_one_active_uk on enrollments (user_id, course_id) where status = 'active';
create index enrollments_user_active_idx on enrollments (user_id, enrolled_at, id) where status = 'active';
create index enrollments_course_active_idx on enrollments (course_id, enrolled_at, user_id) where status = 'active';
