from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'listing.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('base.html', 'listing.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('macros.html', 'listing.html').make_module(context.get_all(), True, {'m': l_0_m})
    context.exported_vars.discard('m')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_product_name = resolve('product_name')
    l_0_language_name = resolve('language_name')
    l_0_lang = resolve('lang')
    l_0_version = resolve('version')
    l_0_config = resolve('config')
    pass
    yield escape((undefined(name='product_name') if l_0_product_name is missing else l_0_product_name))
    yield ' · '
    yield escape(context.call((undefined(name='language_name') if l_0_language_name is missing else l_0_language_name), (undefined(name='lang') if l_0_lang is missing else l_0_lang), _block_vars=_block_vars))
    yield ' · '
    yield escape((undefined(name='version') if l_0_version is missing else l_0_version))
    yield ' · '
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'site_title'))

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'tg-page tg-listing'

def block_nav(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_m = resolve('m')
    l_0_t = resolve('t')
    pass
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'crumbs'), (undefined(name='t') if l_0_t is missing else l_0_t), _block_vars=_block_vars))
    yield '\n'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_product_name = resolve('product_name')
    l_0_lang = resolve('lang')
    l_0_language_name = resolve('language_name')
    l_0_t = resolve('t')
    l_0_version = resolve('version')
    l_0_current_version = resolve('current_version')
    l_0_plural = resolve('plural')
    l_0_entries = resolve('entries')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    pass
    yield '<h1 class="tg-heading">'
    yield escape((undefined(name='product_name') if l_0_product_name is missing else l_0_product_name))
    yield '</h1>\n<p class="tg-listing-meta"><span lang="'
    yield escape((undefined(name='lang') if l_0_lang is missing else l_0_lang))
    yield '">'
    yield escape(context.call((undefined(name='language_name') if l_0_language_name is missing else l_0_language_name), (undefined(name='lang') if l_0_lang is missing else l_0_lang), _block_vars=_block_vars))
    yield '</span> · '
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'version'))
    yield ' '
    yield escape((undefined(name='version') if l_0_version is missing else l_0_version))
    if ((undefined(name='version') if l_0_version is missing else l_0_version) == (undefined(name='current_version') if l_0_current_version is missing else l_0_current_version)):
        pass
        yield ' <span class="tg-badge">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'current_version'))
        yield '</span>'
    yield ' · '
    yield escape(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), 'guides', t_1((undefined(name='entries') if l_0_entries is missing else l_0_entries)), _block_vars=_block_vars))
    yield '</p>\n<div class="tg-filter" hidden>\n<label class="tg-visually-hidden" for="tg-filter-input">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'filter_label'))
    yield '</label>\n<input class="tg-filter-input" id="tg-filter-input" type="search" placeholder="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'filter_placeholder'))
    yield '" autocomplete="off" data-tg-filter-shown="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'filter_shown'))
    yield '" aria-describedby="tg-filter-status">\n<p class="tg-filter-status" id="tg-filter-status" role="status" aria-live="polite"></p>\n</div>\n<ul class="tg-guide-list" data-tg-filter-list>\n'
    l_1_loop = missing
    for l_1_g, l_1_loop in LoopContext((undefined(name='entries') if l_0_entries is missing else l_0_entries), undefined):
        l_1_url = resolve('url')
        _loop_vars = {}
        pass
        yield '<li data-tg-filter-text="'
        yield escape(t_2(markup_join((environment.getattr(l_1_g, 'title'), ' ', environment.getattr(l_1_g, 'note'), ))))
        yield '"><a class="tg-guide-link" href="'
        yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), environment.getattr(l_1_g, 'target'), _loop_vars=_loop_vars))
        yield '">'
        yield escape(environment.getattr(l_1_g, 'title'))
        if environment.getattr(l_1_g, 'note'):
            pass
            yield ' <span class="tg-guide-note">('
            yield escape(environment.getattr(l_1_g, 'note'))
            yield ')</span>'
        yield '</a>\n'
        if environment.getattr(l_1_g, 'contents'):
            pass
            yield '<span class="tg-guide-contents">'
            l_2_loop = missing
            for (l_2_key, l_2_n), l_2_loop in LoopContext(environment.getattr(l_1_g, 'contents'), undefined):
                _loop_vars = {}
                pass
                yield '<span>'
                yield escape(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), l_2_key, l_2_n, _loop_vars=_loop_vars))
                yield '</span>'
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield ' · '
            l_2_loop = l_2_key = l_2_n = missing
            yield '</span>'
        yield '</li>\n'
    l_1_loop = l_1_g = l_1_url = missing
    yield '</ul>\n<p class="tg-filter-none" hidden>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'filter_none'))
    yield '</p>\n'

blocks = {'title': block_title, 'body_class': block_body_class, 'nav': block_nav, 'content': block_content}
debug_info = '1=13&2=16&3=20&4=41&5=51&6=61&8=64&9=93&10=95&13=110&14=112&18=117&19=122&20=133&23=151'