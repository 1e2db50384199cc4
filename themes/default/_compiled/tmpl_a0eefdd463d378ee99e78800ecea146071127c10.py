from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'macros.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_leaves = l_0_switcher = l_0_header = l_0_search_box = l_0_notice = l_0_crumbs = l_0_video = missing
    try:
        t_1 = environment.filters['first']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'first' found.")
    try:
        t_2 = environment.filters['localize']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'localize' found.")
    try:
        t_3 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_4 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_5 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    pass
    def macro(l_1_t):
        t_6 = []
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        pass
        t_6.extend((
            '<span class="tg-leaves"><span class="tg-icon tg-icon-external" aria-hidden="true"></span><span class="tg-visually-hidden"> ',
            escape(environment.getattr(l_1_t, 'opens_new_tab')),
            '</span></span>',
        ))
        return concat(t_6)
    context.exported_vars.add('leaves')
    context.vars['leaves'] = l_0_leaves = Macro(environment, macro, 'leaves', ('t',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_links, l_1_label, l_1_kind):
        t_7 = []
        l_1_current = resolve('current')
        l_1_language_name = resolve('language_name')
        if l_1_links is missing:
            l_1_links = undefined("parameter 'links' was not provided", name='links')
        if l_1_label is missing:
            l_1_label = undefined("parameter 'label' was not provided", name='label')
        if l_1_kind is missing:
            l_1_kind = undefined("parameter 'kind' was not provided", name='kind')
        pass
        if l_1_links:
            pass
            l_1_current = t_1(environment, t_4(context, l_1_links, 'current'))
            t_7.extend((
                '<details class="tg-menu tg-switch-',
                escape(l_1_kind),
                '">\n<summary><span class="tg-visually-hidden">',
                escape(l_1_label),
                ': </span>',
            ))
            if (l_1_kind == 'lang'):
                pass
                t_7.extend((
                    '<span class="tg-icon tg-icon-globe" aria-hidden="true"></span><span lang="',
                    escape(environment.getattr((undefined(name='current') if l_1_current is missing else l_1_current), 'code')),
                    '">',
                    escape(context.call((undefined(name='language_name') if l_1_language_name is missing else l_1_language_name), environment.getattr((undefined(name='current') if l_1_current is missing else l_1_current), 'code'))),
                    '</span>',
                ))
            else:
                pass
                t_7.extend((
                    '<span class="tg-menu-key" aria-hidden="true">',
                    escape(l_1_label),
                    '</span> <span>',
                    escape(environment.getattr((undefined(name='current') if l_1_current is missing else l_1_current), 'code')),
                    '</span>',
                ))
            t_7.append(
                '</summary>\n<ul class="tg-menu-list">\n',
            )
            for l_2_link in l_1_links:
                l_2_url = resolve('url')
                l_2_current_version = resolve('current_version')
                l_2_t = resolve('t')
                _loop_vars = {}
                pass
                if (l_1_kind == 'lang'):
                    pass
                    t_7.extend((
                        '<li><a href="',
                        escape(context.call((undefined(name='url') if l_2_url is missing else l_2_url), environment.getattr(l_2_link, 'target'), _loop_vars=_loop_vars)),
                        '" hreflang="',
                        escape(environment.getattr(l_2_link, 'code')),
                        '" lang="',
                        escape(environment.getattr(l_2_link, 'code')),
                        '"',
                    ))
                    if environment.getattr(l_2_link, 'current'):
                        pass
                        t_7.append(
                            ' aria-current="page"',
                        )
                    t_7.extend((
                        '>',
                        escape(context.call((undefined(name='language_name') if l_1_language_name is missing else l_1_language_name), environment.getattr(l_2_link, 'code'), _loop_vars=_loop_vars)),
                        '</a></li>\n',
                    ))
                else:
                    pass
                    t_7.extend((
                        '<li><a href="',
                        escape(context.call((undefined(name='url') if l_2_url is missing else l_2_url), environment.getattr(l_2_link, 'target'), _loop_vars=_loop_vars)),
                        '"',
                    ))
                    if environment.getattr(l_2_link, 'current'):
                        pass
                        t_7.append(
                            ' aria-current="page"',
                        )
                    t_7.extend((
                        '>',
                        escape(environment.getattr(l_2_link, 'code')),
                    ))
                    if (environment.getattr(l_2_link, 'code') == (undefined(name='current_version') if l_2_current_version is missing else l_2_current_version)):
                        pass
                        t_7.extend((
                            ' <span class="tg-muted">(',
                            escape(environment.getattr((undefined(name='t') if l_2_t is missing else l_2_t), 'current_version')),
                            ')</span>',
                        ))
                    t_7.append(
                        '</a></li>\n',
                    )
            l_2_link = l_2_url = l_2_current_version = l_2_t = missing
            t_7.append(
                '</ul>\n</details>\n',
            )
        return concat(t_7)
    context.exported_vars.add('switcher')
    context.vars['switcher'] = l_0_switcher = Macro(environment, macro, 'switcher', ('links', 'label', 'kind'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_t, l_1_search, l_1_translations, l_1_versions):
        t_8 = []
        l_1_config = resolve('config')
        l_1_url = resolve('url')
        l_1_logo = resolve('logo')
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_search is missing:
            l_1_search = undefined("parameter 'search' was not provided", name='search')
        if l_1_translations is missing:
            l_1_translations = undefined("parameter 'translations' was not provided", name='translations')
        if l_1_versions is missing:
            l_1_versions = undefined("parameter 'versions' was not provided", name='versions')
        pass
        t_8.append(
            '<header class="tg-shell',
        )
        if (l_1_search and environment.getattr((undefined(name='config') if l_1_config is missing else l_1_config), 'embed_search')):
            pass
            t_8.append(
                ' tg-shell-embed',
            )
        t_8.extend((
            '">\n<div class="tg-shell-inner">\n<a class="tg-brand" href="',
            escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), '')),
            '">',
        ))
        if (undefined(name='logo') if l_1_logo is missing else l_1_logo):
            pass
            t_8.extend((
                '<img class="tg-logo" src="',
                escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), (undefined(name='logo') if l_1_logo is missing else l_1_logo))),
                '" alt="">',
            ))
        t_8.extend((
            '<span>',
            escape(environment.getattr((undefined(name='config') if l_1_config is missing else l_1_config), 'site_title')),
            '</span></a>\n',
        ))
        if l_1_search:
            pass
            t_8.append(
                escape(context.call((undefined(name='search_box') if l_0_search_box is missing else l_0_search_box), l_1_t, l_1_search)),
            )
        if (l_1_translations or l_1_versions):
            pass
            t_8.extend((
                '<nav class="tg-shell-tools" aria-label="',
                escape(environment.getattr(l_1_t, 'languages')),
                ' · ',
                escape(environment.getattr(l_1_t, 'versions')),
                '">\n',
                escape(context.call((undefined(name='switcher') if l_0_switcher is missing else l_0_switcher), l_1_translations, environment.getattr(l_1_t, 'language'), 'lang')),
                '\n',
                escape(context.call((undefined(name='switcher') if l_0_switcher is missing else l_0_switcher), l_1_versions, environment.getattr(l_1_t, 'version'), 'version')),
                '\n</nav>\n',
            ))
        t_8.append(
            '</div>\n</header>\n',
        )
        return concat(t_8)
    context.exported_vars.add('header')
    context.vars['header'] = l_0_header = Macro(environment, macro, 'header', ('t', 'search', 'translations', 'versions'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_t, l_1_indexes):
        t_9 = []
        l_1_url = resolve('url')
        l_1_config = resolve('config')
        l_1_s = missing
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_indexes is missing:
            l_1_indexes = undefined("parameter 'indexes' was not provided", name='indexes')
        pass
        l_1_s = {'results': environment.getattr(l_1_t, 'search_results'), 'one_result': environment.getattr(l_1_t, 'search_one_result'), 'no_results': environment.getattr(l_1_t, 'search_no_results'), 'loading': environment.getattr(l_1_t, 'search_loading'), 'error': environment.getattr(l_1_t, 'search_error')}
        t_9.append(
            '<div class="tg-search" role="search" data-tg-search-index="',
        )
        l_2_loop = missing
        for l_2_index, l_2_loop in LoopContext(l_1_indexes, undefined):
            _loop_vars = {}
            pass
            t_9.append(
                escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), l_2_index, _loop_vars=_loop_vars)),
            )
            if (not environment.getattr(l_2_loop, 'last')):
                pass
                t_9.append(
                    ' ',
                )
        l_2_loop = l_2_index = missing
        t_9.extend((
            '" data-tg-root="',
            escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), '')),
            '" data-tg-search-strings=\'',
            escape(t_5(context.eval_ctx, (undefined(name='s') if l_1_s is missing else l_1_s))),
            "'",
        ))
        if environment.getattr((undefined(name='config') if l_1_config is missing else l_1_config), 'embed_search'):
            pass
            t_9.append(
                ' data-tg-search-embed',
            )
        t_9.extend((
            '>\n<input class="tg-search-input" id="tg-search-input" type="search" role="combobox" aria-label="',
            escape(environment.getattr(l_1_t, 'search_label')),
            '" placeholder="',
            escape(environment.getattr(l_1_t, 'search_placeholder')),
            '" aria-autocomplete="list" aria-expanded="false" aria-controls="tg-search-list" autocomplete="off" spellcheck="false" enterkeyhint="go">\n<div class="tg-search-list" id="tg-search-list" role="listbox" aria-label="',
            escape(environment.getattr(l_1_t, 'search_label')),
            '" hidden></div>\n<p class="tg-search-empty" hidden></p>\n<p class="tg-search-status" role="status"></p>\n</div>\n',
        ))
        return concat(t_9)
    context.exported_vars.add('search_box')
    context.vars['search_box'] = l_0_search_box = Macro(environment, macro, 'search_box', ('t', 'indexes'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_t, l_1_n):
        t_10 = []
        l_1_url = resolve('url')
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_n is missing:
            l_1_n = undefined("parameter 'n' was not provided", name='n')
        pass
        t_10.extend((
            '<div class="tg-notice" role="note" data-version-status="old">\n<span class="tg-icon tg-icon-info" aria-hidden="true"></span>\n<p>',
            escape(t_3(context.eval_ctx, t_3(context.eval_ctx, environment.getattr(l_1_t, 'old_version'), '{version}', environment.getattr(l_1_n, 'version')), '{current}', environment.getattr(l_1_n, 'current'))),
            ' <a href="',
            escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), environment.getattr(l_1_n, 'target'))),
            '">',
            escape(t_3(context.eval_ctx, environment.getattr(l_1_t, 'go_current'), '{current}', environment.getattr(l_1_n, 'current'))),
            '</a></p>\n</div>\n',
        ))
        return concat(t_10)
    context.exported_vars.add('notice')
    context.vars['notice'] = l_0_notice = Macro(environment, macro, 'notice', ('t', 'n'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_t, l_1_listing, l_1_listing_label):
        t_11 = []
        l_1_url = resolve('url')
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_listing is missing:
            l_1_listing = None
        if l_1_listing_label is missing:
            l_1_listing_label = ''
        pass
        t_11.extend((
            '<nav class="tg-crumbs" aria-label="',
            escape(environment.getattr(l_1_t, 'all_guides')),
            '">\n<a href="',
            escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), '')),
            '">',
            escape(environment.getattr(l_1_t, 'all_guides')),
            '</a>\n',
        ))
        if l_1_listing:
            pass
            t_11.extend((
                '<span aria-hidden="true">›</span> <a href="',
                escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), l_1_listing)),
                '">',
                escape(l_1_listing_label),
                '</a>\n',
            ))
        t_11.append(
            '</nav>\n',
        )
        return concat(t_11)
    context.exported_vars.add('crumbs')
    context.vars['crumbs'] = l_0_crumbs = Macro(environment, macro, 'crumbs', ('t', 'listing', 'listing_label'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_v, l_1_t, l_1_level):
        t_12 = []
        l_1_href = resolve('href')
        l_1_media = resolve('media')
        l_1_url = resolve('url')
        l_1_link = l_1_thumb = missing
        if l_1_v is missing:
            l_1_v = undefined("parameter 'v' was not provided", name='v')
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        pass
        l_1_link = context.call((undefined(name='href') if l_1_href is missing else l_1_href), environment.getattr(l_1_v, 'url'))
        l_1_thumb = context.call((undefined(name='media') if l_1_media is missing else l_1_media), environment.getattr(l_1_v, 'thumbnail'))
        t_12.extend((
            '<figure class="tg-video" id="tg-line-',
            escape(environment.getattr(l_1_v, 'line')),
            '">\n',
        ))
        if (undefined(name='link') if l_1_link is missing else l_1_link):
            pass
            t_12.extend((
                '<a class="tg-video-link" href="',
                escape((undefined(name='link') if l_1_link is missing else l_1_link)),
                '" target="_blank" rel="noopener" data-tg-message=\'',
                escape(t_5(context.eval_ctx, {'action': 'videoModal', 'selector': 'topicGuide', 'payload': {'url': environment.getattr(l_1_v, 'url'), 'title': environment.getattr(l_1_v, 'title'), 'description': environment.getattr(l_1_v, 'description')}})),
                "'>\n",
            ))
        else:
            pass
            t_12.append(
                '<span class="tg-video-link">\n',
            )
        if (undefined(name='thumb') if l_1_thumb is missing else l_1_thumb):
            pass
            t_12.extend((
                '<img class="tg-thumb" src="',
                escape((undefined(name='thumb') if l_1_thumb is missing else l_1_thumb)),
                '" alt="" loading="lazy">',
            ))
        t_12.append(
            '<span class="tg-video-blank"',
        )
        if (undefined(name='thumb') if l_1_thumb is missing else l_1_thumb):
            pass
            t_12.append(
                ' hidden',
            )
        t_12.extend((
            '></span>\n<img class="tg-play" src="',
            escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), 'assets/icons/play.svg')),
            '" alt="">\n<span class="tg-visually-hidden">',
            escape(t_3(context.eval_ctx, environment.getattr(l_1_t, 'play_video'), '{title}', (environment.getattr(l_1_v, 'title') or environment.getattr(l_1_v, 'heading')))),
        ))
        if (undefined(name='link') if l_1_link is missing else l_1_link):
            pass
            t_12.extend((
                ' ',
                escape(environment.getattr(l_1_t, 'opens_new_tab')),
            ))
        t_12.append(
            '</span>\n',
        )
        if (undefined(name='link') if l_1_link is missing else l_1_link):
            pass
            t_12.append(
                '</a>',
            )
        else:
            pass
            t_12.append(
                '</span>',
            )
        if (environment.getattr(l_1_v, 'heading') or environment.getattr(l_1_v, 'description_html')):
            pass
            t_12.append(
                '<figcaption>\n',
            )
            if environment.getattr(l_1_v, 'heading'):
                pass
                t_12.extend((
                    '<h',
                    escape(l_1_level),
                    ' class="tg-video-title">',
                    escape(environment.getattr(l_1_v, 'heading')),
                    '</h',
                    escape(l_1_level),
                    '>',
                ))
            if environment.getattr(l_1_v, 'description_html'):
                pass
                t_12.extend((
                    '<div class="tg-video-text">',
                    escape(t_2(context, environment.getattr(l_1_v, 'description_html'))),
                    '</div>',
                ))
            t_12.append(
                '</figcaption>\n',
            )
        t_12.append(
            '</figure>\n',
        )
        return concat(t_12)
    context.exported_vars.add('video')
    context.vars['video'] = l_0_video = Macro(environment, macro, 'video', ('v', 't', 'level'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=42&4=56&5=67&6=69&7=72&8=74&10=98&11=104&12=108&14=129&24=159&25=176&27=183&28=198&29=203&30=207&31=211&32=213&40=223&41=233&43=238&44=264&45=268&52=275&55=285&59=296&60=308&61=310&62=315&63=319&68=331&69=344&70=345&71=348&72=351&73=355&78=365&79=382&80=384&81=395&82=405&84=410&85=421'