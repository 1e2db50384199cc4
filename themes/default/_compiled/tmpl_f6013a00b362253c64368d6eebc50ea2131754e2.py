from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'index.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'index.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'tg-page tg-index'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_config = resolve('config')
    l_0_products = resolve('products')
    l_0_others = resolve('others')
    l_0_t = resolve('t')
    pass
    yield '<h1 class="tg-heading">'
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'site_title'))
    yield '</h1>\n'
    l_1_loop = missing
    for l_1_product, l_1_loop in LoopContext((undefined(name='products') if l_0_products is missing else l_0_products), undefined):
        _loop_vars = {}
        pass
        yield '<section class="tg-product" aria-labelledby="tg-product-'
        yield escape(environment.getattr(l_1_loop, 'index'))
        yield '">\n<h2 class="tg-product-name" id="tg-product-'
        yield escape(environment.getattr(l_1_loop, 'index'))
        yield '">'
        yield escape(environment.getattr(l_1_product, 'name'))
        yield '</h2>\n<ul class="tg-index-grid">\n'
        for l_2_card in environment.getattr(l_1_product, 'cards'):
            l_2_url = resolve('url')
            l_2_language_name = resolve('language_name')
            l_2_plural = resolve('plural')
            _loop_vars = {}
            pass
            yield '<li><a class="tg-index-card" href="'
            yield escape(context.call((undefined(name='url') if l_2_url is missing else l_2_url), environment.getattr(l_2_card, 'target'), _loop_vars=_loop_vars))
            yield '">\n<span class="tg-index-lang" lang="'
            yield escape(environment.getattr(l_2_card, 'lang'))
            yield '">'
            yield escape(context.call((undefined(name='language_name') if l_2_language_name is missing else l_2_language_name), environment.getattr(l_2_card, 'lang'), _loop_vars=_loop_vars))
            yield '</span>\n<span class="tg-index-version">'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'version'))
            yield ' '
            yield escape(environment.getattr(l_2_card, 'version'))
            if environment.getattr(l_2_card, 'current'):
                pass
                yield ' <span class="tg-badge">'
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'current_version'))
                yield '</span>'
            yield '</span>\n<span class="tg-index-count">'
            yield escape(context.call((undefined(name='plural') if l_2_plural is missing else l_2_plural), 'guides', environment.getattr(l_2_card, 'count'), _loop_vars=_loop_vars))
            yield '</span>\n</a></li>\n'
        l_2_card = l_2_url = l_2_language_name = l_2_plural = missing
        yield '</ul>\n</section>\n'
    l_1_loop = l_1_product = missing
    if (undefined(name='others') if l_0_others is missing else l_0_others):
        pass
        yield '<section class="tg-product" aria-labelledby="tg-others">\n<h2 class="tg-product-name" id="tg-others">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'other_guides'))
        yield '</h2>\n<ul class="tg-guide-list">\n'
        for l_1_g in (undefined(name='others') if l_0_others is missing else l_0_others):
            l_1_url = resolve('url')
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), environment.getattr(l_1_g, 'target'), _loop_vars=_loop_vars))
            yield '">'
            yield escape(environment.getattr(l_1_g, 'title'))
            yield '</a></li>\n'
        l_1_g = l_1_url = missing
        yield '</ul>\n</section>\n'

blocks = {'body_class': block_body_class, 'content': block_content}
debug_info = '1=12&2=17&3=27&4=40&5=43&6=47&7=49&9=53&10=60&11=62&12=66&13=75&19=80&21=83&23=85&24=90'