-- Who each user pod belonged to, from its hub.jupyter.org/username annotation, recorded whenever Hubguard sees the pod
-- and kept for 30 days: alerts often arrive after a kill or a cull removed the pod. The pairs of name and username
-- also show which naming scheme each hub's KubeSpawner uses.
create table pod_usernames (
    cluster    text not null,
    namespace  text not null,
    pod        text not null,
    username   text not null,
    seen_at    timestamptz not null,
    primary key (cluster, namespace, pod)
);
create index pod_usernames_seen on pod_usernames (seen_at);
