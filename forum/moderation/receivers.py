from . import services


def queue_red_flags(sender, post, **kwargs):
    """Put posts that matched a red-flag phrase in front of a moderator."""
    if post.red_flag:
        services.file_red_flag_report(post=post)
